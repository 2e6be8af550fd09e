package io.vitalstream.dsp;

/** The few dense matrix products the small decompositions need (channels x channels, window x window). */
public final class Matrices {

    private Matrices() {
    }

    /** a b, rows of a against the columns of b. */
    public static double[][] multiply(double[][] a, double[][] b) {
        int r = a.length;
        int inner = b.length;
        int c = b[0].length;
        double[][] out = new double[r][c];
        for (int i = 0; i < r; i++) {
            for (int k = 0; k < inner; k++) {
                double v = a[i][k];
                double[] row = b[k];
                double[] o = out[i];
                for (int j = 0; j < c; j++) {
                    o[j] += v * row[j];
                }
            }
        }
        return out;
    }

    /** a b^T: out[i][j] = sum over k of a[i][k] b[j][k], k ascending. */
    public static double[][] timesTransposed(double[][] a, double[][] b) {
        return timesTransposed(a, b, null);
    }

    /**
     * a diag(1 / d) b^T: out[i][j] = sum over k of a[i][k] b[j][k] / d[k], k ascending
     * (d null: no division).
     */
    public static double[][] timesTransposed(double[][] a, double[][] b, double[] d) {
        int inner = a[0].length;
        double[][] out = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double s = 0;
                for (int k = 0; k < inner; k++) {
                    s += d == null ? a[i][k] * b[j][k] : a[i][k] * b[j][k] / d[k];
                }
                out[i][j] = s;
            }
        }
        return out;
    }

    /** The transpose. */
    public static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }
}
