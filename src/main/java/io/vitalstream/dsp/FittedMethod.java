package io.vitalstream.dsp;

/**
 * A whole-signal method whose result, once fitted, is a fixed affine map of each frame (PCA,
 * ICA): y_t = M (x_t - mean) + offset. Long recordings are fitted on a bounded sample of
 * their frames (as MNE fits ICA on long raw data) and the map applied chunk by chunk; a signal
 * that fits is fitted on all of it, which is what {@link #apply} does in memory.
 */
public interface FittedMethod extends WholeSignalMethod {

    /** At most this many frames are fitted on (a longer recording is sampled). */
    int MAX_FIT_FRAMES = 1 << 20;

    /** Copies of the sample a fit holds at once (data, centred, whitened, products), for the memory bound. */
    int FIT_COPIES = 4;

    /** The map fitted on {@code sample} (channel-major), with what a user needs to judge it. */
    Fit fit(double[][] sample);

    /** Fit on the whole signal and apply. */
    @Override
    default double[][] apply(double[][] channels) {
        return fit(channels).map().apply(channels);
    }

    /**
     * A fitted map and its report: {@code report} in words (components kept, explained
     * variance, component kurtosis, what was excluded).
     */
    record Fit(Map map, String report) {
    }

    /** y_t = matrix (x_t - mean) + offset, matrix rows = output channels. */
    record Map(double[][] matrix, double[] mean, double[] offset) {

        /** Channel-major in, channel-major out. */
        public double[][] apply(double[][] x) {
            int n = x[0].length;
            int in = mean.length;
            double[][] out = new double[matrix.length][n];
            double[] centred = new double[in];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < in; c++) {
                    centred[c] = x[c][i] - mean[c];
                }
                for (int r = 0; r < matrix.length; r++) {
                    out[r][i] = row(r, centred);
                }
            }
            return out;
        }

        /** Interleaved frames [i * channels + c] in place (as many outputs as inputs). */
        public void applyFrames(double[] frames, int count, int channels) {
            double[] centred = new double[channels];
            for (int i = 0; i < count; i++) {
                int at = i * channels;
                for (int c = 0; c < channels; c++) {
                    centred[c] = frames[at + c] - mean[c];
                }
                for (int r = 0; r < channels; r++) {
                    frames[at + r] = row(r, centred);
                }
            }
        }

        private double row(int r, double[] centred) {
            double[] m = matrix[r];
            double v = 0;
            for (int c = 0; c < centred.length; c++) {
                v += m[c] * centred[c];
            }
            return v + offset[r];
        }
    }
}
