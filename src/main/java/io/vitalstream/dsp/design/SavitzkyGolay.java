package io.vitalstream.dsp.design;

/**
 * Savitzky-Golay smoothing: least-squares polynomial fits over a sliding window. The fit of
 * degree p to W equally spaced samples is the projection P = Q Q^T onto the polynomials,
 * Q an orthonormal basis of them on the window's points (Gram-Schmidt, run twice). Row
 * 'centre' of P is scipy's savgol_coeffs(W, p) (symmetric, so 'conv' and 'dot' agree).
 */
public final class SavitzkyGolay {

    private SavitzkyGolay() {
    }

    public static void validate(int windowLength, int polyorder) {
        if (windowLength < 1 || windowLength % 2 == 0) {
            throw new IllegalArgumentException("savgol window_size must be a positive odd number, got " + windowLength);
        }
        if (polyorder < 0 || polyorder >= windowLength) {
            throw new IllegalArgumentException("polyorder must be at least 0 and less than window_size " + windowLength + ", got " + polyorder);
        }
    }

    /** scipy.signal.savgol_coeffs(windowLength, polyorder): the smoothing weights. */
    public static double[] coefficients(int windowLength, int polyorder) {
        validate(windowLength, polyorder);
        double[][] p = projection(windowLength, polyorder);
        return p[windowLength / 2];
    }

    /** The W x W least-squares projection onto polynomials of degree <= polyorder. */
    public static double[][] projection(int windowLength, int polyorder) {
        validate(windowLength, polyorder);
        int w = windowLength;
        int k = polyorder + 1;
        double half = (w - 1) / 2.0;
        double scale = Math.max(half, 1);
        double[][] q = new double[k][w];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < w; j++) {
                q[i][j] = Math.pow((j - half) / scale, i);
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int m = 0; m < i; m++) {
                    double dot = 0;
                    for (int j = 0; j < w; j++) {
                        dot += q[i][j] * q[m][j];
                    }
                    for (int j = 0; j < w; j++) {
                        q[i][j] -= dot * q[m][j];
                    }
                }
            }
            double norm = 0;
            for (int j = 0; j < w; j++) {
                norm += q[i][j] * q[i][j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < w; j++) {
                q[i][j] /= norm;
            }
        }
        double[][] columns = io.vitalstream.dsp.Matrices.transpose(q);
        return io.vitalstream.dsp.Matrices.timesTransposed(columns, columns);
    }
}
