package io.vitalstream.dsp.neural;

/** Adam (Kingma and Ba): beta1 0.9, beta2 0.999, eps 1e-8, bias-corrected. */
final class Adam {

    private final double lr;
    private final double[][] mw;
    private final double[][] vw;
    private final double[][] mb;
    private final double[][] vb;
    private int t;

    Adam(double lr, double[][] w, double[][] b) {
        this.lr = lr;
        mw = zeros(w);
        vw = zeros(w);
        mb = zeros(b);
        vb = zeros(b);
    }

    private static double[][] zeros(double[][] like) {
        double[][] z = new double[like.length][];
        for (int i = 0; i < like.length; i++) {
            z[i] = new double[like[i].length];
        }
        return z;
    }

    void step(double[][] w, double[][] b, double[][] gw, double[][] gb, double scale) {
        t++;
        double c1 = 1 - Math.pow(0.9, t);
        double c2 = 1 - Math.pow(0.999, t);
        update(w, gw, mw, vw, scale, c1, c2);
        update(b, gb, mb, vb, scale, c1, c2);
    }

    private void update(double[][] p, double[][] g, double[][] m, double[][] v, double scale, double c1, double c2) {
        for (int l = 0; l < p.length; l++) {
            for (int k = 0; k < p[l].length; k++) {
                double gk = g[l][k] * scale;
                m[l][k] = 0.9 * m[l][k] + 0.1 * gk;
                v[l][k] = 0.999 * v[l][k] + 0.001 * gk * gk;
                p[l][k] -= lr * (m[l][k] / c1) / (Math.sqrt(v[l][k] / c2) + 1e-8);
                g[l][k] = 0;
            }
        }
    }
}
