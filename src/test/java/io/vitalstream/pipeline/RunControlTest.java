package io.vitalstream.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cancel and publish are decided under one lock: whichever comes first wins, the other knows it. */
class RunControlTest {

    @Test
    void aCancelAfterTheCommitChangesNothingAndSaysSo() {
        RunControl c = new RunControl(null);
        c.commit();
        assertFalse(c.cancel(), "too late: the result is being published");
        assertFalse(c.isCancelled());
    }

    @Test
    void aCancelBeforeTheCommitStopsThePublication() {
        RunControl c = new RunControl(null);
        assertTrue(c.cancel());
        assertThrows(CancelledException.class, c::commit);
    }
}
