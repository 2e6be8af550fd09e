package io.vitalstream.api;

import io.vitalstream.error.InvalidParameterException;
import io.vitalstream.error.NotFoundException;
import io.vitalstream.error.TooLargeException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark endpoints' own logic (off by default: the 404 is checked in ToolsEndpointTest). */
class BenchResourceTest {

    @Test
    void theZeroPhaseTimingReportsWhatItRanAndRefusesAbsurdSizes() {
        BenchResource on = new BenchResource(true);
        BenchResource.KernelTiming t = on.zeroPhase("3", "2000", "3");
        assertEquals(3, t.channels());
        assertEquals(2000, t.samples());
        assertEquals(3, t.runs());
        assertTrue(t.bestMs() > 0 && t.bestMs() <= t.medianMs(), t.toString());
        assertEquals(3 * 2000 / (t.medianMs() / 1e3), t.samplesPerSecond(), 1e-6 * t.samplesPerSecond());
        assertTrue(t.vectorSpecies().contains("Species"), t.vectorSpecies());
        assertThrows(InvalidParameterException.class, () -> on.zeroPhase("0", "2000", "3"));
        assertThrows(InvalidParameterException.class, () -> on.zeroPhase("2", "2000", "x"));
        assertThrows(TooLargeException.class, () -> on.zeroPhase("256", "4000000", "1"));
        assertThrows(NotFoundException.class, () -> new BenchResource(false).zeroPhase("1", "2000", "1"));
    }
}
