package io.vitalstream.pipeline;

import io.vitalstream.dsp.methods.Wavelet;
import io.vitalstream.dsp.methods.WaveletDenoise;
import io.vitalstream.io.BinaryWriter;
import io.vitalstream.io.SampleType;
import io.vitalstream.io.SignalSink;
import io.vitalstream.io.SignalSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Wavelet shrinkage of a recording larger than memory, exactly the in-memory result
 * ({@link WaveletDenoise}, periodization DWT): every level's approximation and details go to
 * scratch files, each coefficient gathered from its level's input by global index (the
 * periodic wrap and the odd-length extension read by position at the ends), the same sums in
 * the same order; the universal threshold takes the exact median of |cD_1| per channel by a
 * radix selection over the first level's details (four passes of 16 bits per order
 * statistic); the reconstruction gathers, for every output sample, the (coefficient, tap)
 * pairs the in-memory inverse adds to it, in its order.
 */
final class WaveletOutOfCore {

    private final WaveletDenoise method;
    private final Path scratch;
    private final ChunkPlan plan;
    private final RunControl control;
    private final String label;
    private final int channels;
    private final List<Path> files = new ArrayList<>();
    private final List<SignalSource> open = new ArrayList<>();
    /** The wavelet's low- and high-pass analysis filters, their length and the periodization's shift. */
    private final double[] h;
    private final double[] g;
    private final int f;
    private final int s;

    private WaveletOutOfCore(WaveletDenoise method, int channels, Path scratch, ChunkPlan plan, RunControl control, String label) {
        this.method = method;
        Wavelet w = method.wavelet();
        this.h = w.decLo();
        this.g = w.decHi();
        this.f = h.length;
        this.s = f / 2;
        this.channels = channels;
        this.scratch = scratch;
        this.plan = plan;
        this.control = control;
        this.label = label;
    }

    /** Passes this method reports as chunks: the levels down, the selection, the levels up (for the progress total). */
    static int chunks(WaveletDenoise method, ChunkPlan plan) {
        return 2 * method.level() + (method.threshold() == null ? 1 : 0);
    }

    static void run(WaveletDenoise method, SignalSource in, SignalSink out, ChunkPlan plan, Path scratch, RunControl control, String label) {
        long n = in.frames();
        if (n < method.minimumLength()) {
            throw new io.vitalstream.error.InvalidParameterException("filter_params", "wavelet: wavelet level " + method.level() + " needs at least "
                    + method.minimumLength() + " samples, got " + n);
        }
        WaveletOutOfCore w = new WaveletOutOfCore(method, in.channels(), scratch, plan, control, label);
        try {
            w.denoise(in, out);
        } finally {
            w.cleanUp();
        }
    }

    private void denoise(SignalSource x, SignalSink out) {
        int level = method.level();
        long n = x.frames();
        SignalSource[] approx = new SignalSource[level + 1];
        SignalSource[] detail = new SignalSource[level + 1];
        approx[0] = x;
        for (int l = 1; l <= level; l++) {
            if (approx[l - 1].frames() < 2) {
                throw new io.vitalstream.error.InvalidParameterException("filter_params", "wavelet: level " + level + " is too deep for " + n
                        + " samples");
            }
            SignalSource[] ad = forward(approx[l - 1], l);
            approx[l] = ad[0];
            detail[l] = ad[1];
            control.chunkDone(OutOfCore.join(label, "wavelet level " + l + " down"));
        }
        double[] t = new double[channels];
        if (method.threshold() != null) {
            Arrays.fill(t, method.threshold());
        } else {
            double[] median = medianAbs(detail[1]);
            for (int c = 0; c < channels; c++) {
                t[c] = WaveletDenoise.universal(median[c], n);
            }
            control.chunkDone(OutOfCore.join(label, "wavelet threshold"));
        }
        SignalSource a = approx[level];
        for (int l = level; l >= 1; l--) {
            long target = approx[l - 1].frames();
            if (l == 1) {
                inverse(a, detail[l], t, target, out);
            } else {
                Path file = file("a-up" + (l - 1));
                try (BinaryWriter w = BinaryWriter.raw(file, SampleType.FLOAT64, channels, target)) {
                    inverse(a, detail[l], t, target, w);
                    a = keep(w.reopen(file));
                }
            }
            control.chunkDone(OutOfCore.join(label, "wavelet level " + l + " up"));
        }
    }

    private Path file(String name) {
        Path p = scratch.resolve("wavelet-" + System.identityHashCode(this) + "-" + name + ".f64");
        files.add(p);
        return p;
    }

    private SignalSource keep(SignalSource s) {
        open.add(s);
        return s;
    }

    /**
     * Frames [lo, lo + count) of a level's input as the periodization sees it: index k taken
     * mod m, and k' >= len (the odd-length extension) read as the last frame.
     */
    private void gather(SignalSource a, long len, long m, long lo, int count, double[] buf) {
        int t = 0;
        while (t < count) {
            long k = Math.floorMod(lo + t, m);
            if (k >= len) {
                a.read(len - 1, 1, buf, t * channels, channels);
                t++;
            } else {
                int run = (int) Math.min(count - t, len - k);
                a.read(k, run, buf, t * channels, channels);
                t += run;
            }
        }
    }

    /** {a, d} of one level, as Dwt.forward, into scratch files. */
    private SignalSource[] forward(SignalSource x, int l) {
        long len = x.frames();
        long m = len % 2 == 0 ? len : len + 1;
        long half = m / 2;
        int piece = Math.max(1, plan.chunkFrames() / 2);
        double[] win = new double[(2 * piece + f) * channels];
        double[] aOut = new double[piece * channels];
        double[] dOut = new double[piece * channels];
        Path aFile = file("a" + l);
        Path dFile = file("d" + l);
        try (BinaryWriter aw = BinaryWriter.raw(aFile, SampleType.FLOAT64, channels, half);
             BinaryWriter dw = BinaryWriter.raw(dFile, SampleType.FLOAT64, channels, half)) {
            for (long i0 = 0; i0 < half; i0 += piece) {
                int cnt = (int) Math.min(piece, half - i0);
                // indices 2i + s - j for i in [i0, i0 + cnt), j in [0, f)
                long lo = 2 * i0 + s - (f - 1);
                int span = (int) (2 * (cnt - 1) + f);
                gather(x, len, m, lo, span, win);
                for (int i = 0; i < cnt; i++) {
                    for (int c = 0; c < channels; c++) {
                        double sa = 0;
                        double sd = 0;
                        for (int j = 0; j < f; j++) {
                            double v = win[(int) (2 * (i0 + i) + s - j - lo) * channels + c];
                            sa += h[j] * v;
                            sd += g[j] * v;
                        }
                        aOut[i * channels + c] = sa;
                        dOut[i * channels + c] = sd;
                    }
                }
                aw.write(i0, cnt, aOut, 0, channels);
                dw.write(i0, cnt, dOut, 0, channels);
                control.checkpoint();
            }
            return new SignalSource[] {keep(aw.reopen(aFile)), keep(dw.reopen(dFile))};
        }
    }

    /**
     * The first {@code target} samples of Dwt.inverse(a trimmed to len(d), shrunk d): sample k
     * adds a[i] h[j] + d[i] g[j] over the pairs with (2i + s - j) mod m = k, in order of i then j.
     */
    private void inverse(SignalSource a, SignalSource d, double[] t, long target, SignalSink out) {
        long ld = d.frames();
        long m = 2 * ld;
        int piece = plan.chunkFrames();
        double[] x = new double[piece * channels];
        long[] is = new long[f];
        int[] js = new int[f];
        int reach = f / 2 + 2;
        double[] aw = new double[(piece / 2 + 2 * reach) * channels];
        double[] dw = new double[aw.length];
        for (long k0 = 0; k0 < target; k0 += piece) {
            int cnt = (int) Math.min(piece, target - k0);
            // coefficients i with 2i in [k - s, k - s + f - 1] (mod m): gather around them
            long lo = Math.floorDiv(k0 - s, 2) - 1;
            int span = (int) ((cnt + f) / 2 + 3);
            gather(a, ld, ld, lo, span, aw);
            gather(d, ld, ld, lo, span, dw);
            for (int k = 0; k < cnt; k++) {
                long kk = k0 + k;
                int pairs = 0;
                for (int j = 0; j < f; j++) {
                    long q = Math.floorMod(kk - s + j, m);
                    if (q % 2 == 0) {
                        // insertion by (i, j): the in-memory loop's order
                        long i = q / 2;
                        int at = pairs++;
                        while (at > 0 && (is[at - 1] > i || (is[at - 1] == i && js[at - 1] > j))) {
                            is[at] = is[at - 1];
                            js[at] = js[at - 1];
                            at--;
                        }
                        is[at] = i;
                        js[at] = j;
                    }
                }
                for (int c = 0; c < channels; c++) {
                    double v = 0;
                    for (int p = 0; p < pairs; p++) {
                        int local = (int) Math.floorMod(is[p] - lo, ld);
                        double coefA = local < span ? aw[local * channels + c] : read(a, is[p], c);
                        double coefD = method.shrink(local < span ? dw[local * channels + c] : read(d, is[p], c), t[c]);
                        v += coefA * h[js[p]] + coefD * g[js[p]];
                    }
                    x[k * channels + c] = v;
                }
            }
            out.write(k0, cnt, x, 0, channels);
            control.checkpoint();
        }
    }

    private double read(SignalSource s, long i, int c) {
        double[] one = new double[channels];
        s.read(i, 1, one, 0, channels);
        return one[c];
    }

    /** numpy's median of |v| per channel over a level's details, by exact radix selection. */
    private double[] medianAbs(SignalSource d) {
        long len = d.frames();
        double[] hi = select(d, len / 2);
        if (len % 2 == 1) {
            return hi;
        }
        double[] lo = select(d, len / 2 - 1);
        double[] med = new double[channels];
        for (int c = 0; c < channels; c++) {
            med[c] = 0.5 * (lo[c] + hi[c]);
        }
        return med;
    }

    /** The rank-th smallest |v| of each channel. */
    private double[] select(SignalSource d, long rank) {
        return RadixSelect.select(d, rank, new double[channels], plan.chunkFrames(), control);
    }

    private void cleanUp() {
        for (SignalSource s : open) {
            s.close();
        }
        for (Path p : files) {
            OutOfCore.deleteQuietly(p);
        }
    }
}
