package io.vitalstream.dsp.methods;

import io.vitalstream.dsp.FilterDesigner;
import io.vitalstream.dsp.FilterParameters;
import io.vitalstream.dsp.MethodParams;
import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.Filtering;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PowerlineTest {

    private static double rms(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * x[i];
        }
        return Math.sqrt(s / (to - from));
    }

    @Test
    void removesMainsAndHarmonicsButKeepsTheBand() {
        double fs = 500;
        FilterSpec spec = FilterDesigner.design(FilterParameters.selecting("artifact", "powerline"), fs);
        FilterSpec.Iir iir = (FilterSpec.Iir) spec;
        assertEquals(4, iir.sos().count(), "50, 100, 150 and 200 Hz below the 250 Hz Nyquist");
        int n = 20_000;
        for (double f : new double[] {50, 100, 150}) {
            double[] tone = new double[n];
            for (int i = 0; i < n; i++) {
                tone[i] = Math.sin(2 * Math.PI * f * i / fs);
            }
            double[] y = Filtering.apply(spec, new double[][] {tone})[0];
            double db = 20 * Math.log10(rms(y, 2000, n - 2000) / rms(tone, 2000, n - 2000));
            assertTrue(db < -40, f + " Hz attenuated by only " + db + " dB");
        }
        double[] ten = new double[n];
        for (int i = 0; i < n; i++) {
            ten[i] = Math.sin(2 * Math.PI * 10 * i / fs);
        }
        double[] y = Filtering.apply(spec, new double[][] {ten})[0];
        double loss = 20 * Math.log10(rms(y, 2000, n - 2000) / rms(ten, 2000, n - 2000));
        assertTrue(loss > -0.5, "10 Hz loses " + loss + " dB");
        FilterSpec sixty = FilterDesigner.design(new MethodParams.Powerline(60.0, 30, 1, true), 360);
        assertEquals(1, ((FilterSpec.Iir) sixty).sos().count());
    }
}
