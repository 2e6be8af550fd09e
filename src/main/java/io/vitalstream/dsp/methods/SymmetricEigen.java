package io.vitalstream.dsp.methods;

/**
 * Eigenvalues and eigenvectors of a small symmetric matrix by cyclic Jacobi rotations
 * (accurate to machine precision; channel counts here are small). Eigenvalues are returned
 * in descending order, eigenvectors as the matching columns.
 */
final class SymmetricEigen {

    final double[] values;
    final double[][] vectors; // vectors[row][k] is component k

    SymmetricEigen(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = matrix[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-30) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] diag = new double[n];
        for (int i = 0; i < n; i++) {
            diag[i] = a[i][i];
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(diag[y], diag[x]));
        values = new double[n];
        vectors = new double[n][n];
        for (int k = 0; k < n; k++) {
            values[k] = diag[order[k]];
            for (int i = 0; i < n; i++) {
                vectors[i][k] = v[i][order[k]];
            }
        }
    }

    /** Covariance of centred channels (rows). */
    static double[][] covariance(double[][] centred) {
        int ch = centred.length;
        int n = centred[0].length;
        double[][] c = new double[ch][ch];
        for (int a = 0; a < ch; a++) {
            for (int b = a; b < ch; b++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += centred[a][i] * centred[b][i];
                }
                c[a][b] = s / n;
                c[b][a] = c[a][b];
            }
        }
        return c;
    }

    static double[][] centre(double[][] x, double[] means) {
        double[][] out = new double[x.length][];
        for (int c = 0; c < x.length; c++) {
            double m = 0;
            for (double v : x[c]) {
                m += v;
            }
            m /= x[c].length;
            means[c] = m;
            out[c] = new double[x[c].length];
            for (int i = 0; i < x[c].length; i++) {
                out[c][i] = x[c][i] - m;
            }
        }
        return out;
    }
}
