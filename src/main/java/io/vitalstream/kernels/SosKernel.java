package io.vitalstream.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Cascaded biquads in transposed direct form II, the recurrence of scipy's sosfilt:
 * <pre>
 *   y      = b0 x + z0
 *   z0'    = b1 x - a1 y + z1
 *   z1'    = b2 x - a2 y
 * </pre>
 * evaluated as y = fma(b0, x, z0), z0' = fma(-a1, y, fma(b1, x, z1)), z1' = fma(-a2, y, b2 x):
 * the terms not involving y come first, so the loop-carried chain through y is two fused
 * multiply-adds long (8 cycles) rather than three.
 * State is carried in {@code zi} ([section][2] per channel), so a signal filtered in pieces
 * gives bit for bit the output of filtering it whole. Both forms use fused multiply-adds in
 * the same order, so the vector form (one lane per channel) equals the scalar form exactly.
 */
public final class SosKernel {

    /** Chosen once: the widest double vector this CPU runs natively ({@link ImageBuild#DOUBLES}). */
    public static final VectorSpecies<Double> SPECIES = ImageBuild.DOUBLES;

    private SosKernel() {
    }

    /**
     * Scalar reference: filters {@code n} samples of one channel, in[inOff + i*stride] ->
     * out[outOff + i*stride] (in and out may alias), updating zi (length sections*2).
     */
    public static void forward(double[] sos, double[] zi, double[] in, int inOff, double[] out, int outOff, int n, int stride) {
        int sections = sos.length / 6;
        for (int i = 0; i < n; i++) {
            double x = in[inOff + i * stride];
            for (int s = 0; s < sections; s++) {
                int c = s * 6;
                double y = Math.fma(sos[c], x, zi[2 * s]);
                zi[2 * s] = Math.fma(-sos[c + 4], y, Math.fma(sos[c + 1], x, zi[2 * s + 1]));
                zi[2 * s + 1] = Math.fma(-sos[c + 5], y, sos[c + 2] * x);
                x = y;
            }
            out[outOff + i * stride] = x;
        }
    }

    /**
     * Scalar reference, time-reversed: reads in from the last sample to the first and writes
     * each output at the same index, so out holds reverse(sosfilt(reverse(in))).
     */
    public static void backward(double[] sos, double[] zi, double[] in, int inOff, double[] out, int outOff, int n, int stride) {
        forward(sos, zi, in, inOff + (n - 1) * stride, out, outOff + (n - 1) * stride, n, -stride);
    }

    /** Frames per block in {@link #lanes}: a block of every lane group stays in L1 across the sections. */
    static final int BLOCK = 256;
    /** Up to this many channels, the scalar recurrence beats a vector with idle lanes. */
    public static final int SCALAR_MAX_CHANNELS = 3;

    /**
     * Filters the first {@code channels} lanes of interleaved frames (zi laid out
     * [section][2][frame]), choosing the scalar recurrence for few channels and the vector
     * form otherwise. Both give the same bits, so the choice never changes a result.
     */
    public static void run(double[] sos, double[] zi, double[] data, int off, int n, int frame, int channels, boolean backward) {
        if (channels <= SCALAR_MAX_CHANNELS) {
            scalarLanes(sos, zi, data, off, n, frame, channels, backward);
            return;
        }
        lanes(sos, zi, data, off, n, frame, backward, 0, frame);
    }

    private static volatile int threads = Math.min(2, Runtime.getRuntime().availableProcessors());

    /**
     * How many threads multi-channel callers may split their channels over (channels are
     * independent, so the result is the same either way); 1 for benchmarks' single-core runs.
     */
    public static void setThreads(int n) {
        threads = Math.max(1, n);
    }

    public static int threads() {
        return threads;
    }

    /**
     * The scalar recurrence on lanes [0, channels) of interleaved frames, state in the lanes'
     * layout. Blocks of samples go through the sections four at a time (then two, then one)
     * with the state in locals: sample-major within a group, so the sections' chains overlap in
     * the pipeline instead of waiting on each other. Same operations, same bits as
     * {@link #forward}.
     */
    static void scalarLanes(double[] sos, double[] zi, double[] data, int off, int n, int frame, int channels, boolean backward) {
        int sections = sos.length / 6;
        int step = backward ? -frame : frame;
        for (int c = 0; c < channels; c++) {
            for (int b = 0; b < n; b += BLOCK) {
                int count = Math.min(BLOCK, n - b);
                int first = (backward ? off + (n - 1 - b) * frame : off + b * frame) + c;
                int s = 0;
                for (; s + 4 <= sections; s += 4) {
                    quad(sos, s, true, zi, frame, c, data, first, count, step);
                }
                for (; s + 2 <= sections; s += 2) {
                    quad(sos, s, false, zi, frame, c, data, first, count, step);
                }
                for (; s < sections; s++) {
                    single(sos, s, zi, frame, c, data, first, count, step);
                }
            }
        }
    }

    private static void single(double[] sos, int s, double[] zi, int frame, int lane, double[] data, int p, int count, int step) {
        int c = s * 6;
        double b0 = sos[c], b1 = sos[c + 1], b2 = sos[c + 2], na1 = -sos[c + 4], na2 = -sos[c + 5];
        int i0 = (2 * s) * frame + lane;
        int i1 = (2 * s + 1) * frame + lane;
        double z0 = zi[i0];
        double z1 = zi[i1];
        for (int t = 0; t < count; t++, p += step) {
            double x = data[p];
            double y = Math.fma(b0, x, z0);
            z0 = Math.fma(na1, y, Math.fma(b1, x, z1));
            z1 = Math.fma(na2, y, b2 * x);
            data[p] = y;
        }
        zi[i0] = z0;
        zi[i1] = z1;
    }

    /** Two or four consecutive sections (from s) of one lane, sample-major; {@code four} is fixed for a call. */
    private static void quad(double[] sos, int s, boolean four, double[] zi, int frame, int lane, double[] data, int p, int count,
                             int step) {
        int c = s * 6;
        int m = four ? 6 : 0; // the last two sections' coefficients: read only when four
        double a0 = sos[c], a1 = sos[c + 1], a2 = sos[c + 2], a4 = -sos[c + 4], a5 = -sos[c + 5];
        double e0 = sos[c + 6], e1 = sos[c + 7], e2 = sos[c + 8], e4 = -sos[c + 10], e5 = -sos[c + 11];
        double f0 = sos[c + 2 * m], f1 = sos[c + 2 * m + 1], f2 = sos[c + 2 * m + 2], f4 = -sos[c + 2 * m + 4], f5 = -sos[c + 2 * m + 5];
        double g0 = sos[c + 3 * m], g1 = sos[c + 3 * m + 1], g2 = sos[c + 3 * m + 2], g4 = -sos[c + 3 * m + 4], g5 = -sos[c + 3 * m + 5];
        int ia = (2 * s) * frame + lane;
        int last = four ? 4 : 0;
        double za0 = zi[ia], za1 = zi[ia + frame];
        double ze0 = zi[ia + 2 * frame], ze1 = zi[ia + 3 * frame];
        double zf0 = zi[ia + last * frame], zf1 = zi[ia + (last + 1) * frame];
        double zg0 = zi[ia + (last + 2) * frame], zg1 = zi[ia + (last + 3) * frame];
        for (int t = 0; t < count; t++, p += step) {
            // each section's output is the next one's input: x -> ya -> ye (-> yf -> y)
            double x = data[p];
            double ya = Math.fma(a0, x, za0);
            za0 = Math.fma(a4, ya, Math.fma(a1, x, za1));
            za1 = Math.fma(a5, ya, a2 * x);
            double ye = Math.fma(e0, ya, ze0);
            ze0 = Math.fma(e4, ye, Math.fma(e1, ya, ze1));
            ze1 = Math.fma(e5, ye, e2 * ya);
            double y = ye;
            if (four) {
                double yf = Math.fma(f0, ye, zf0);
                zf0 = Math.fma(f4, yf, Math.fma(f1, ye, zf1));
                zf1 = Math.fma(f5, yf, f2 * ye);
                y = Math.fma(g0, yf, zg0);
                zg0 = Math.fma(g4, y, Math.fma(g1, yf, zg1));
                zg1 = Math.fma(g5, y, g2 * yf);
            }
            data[p] = y;
        }
        zi[ia] = za0;
        zi[ia + frame] = za1;
        zi[ia + 2 * frame] = ze0;
        zi[ia + 3 * frame] = ze1;
        if (four) {
            zi[ia + 4 * frame] = zf0;
            zi[ia + 5 * frame] = zf1;
            zi[ia + 6 * frame] = zg0;
            zi[ia + 7 * frame] = zg1;
        }
    }

    /**
     * Vector form over interleaved frames: sample t of lane-group g sits at
     * data[off + t*frame + g*lanes ... + lanes). {@code frame} must be a multiple of the
     * lane count; zi holds [section][2][frame] so each lane has its own state.
     * Runs forward or backward through the n frames, in place. The frames go in blocks, each
     * block through one section after another (state held in registers, one section at a
     * time), up to four lane groups side by side so their independent recurrences overlap in
     * the pipeline; every section still sees its input sequence in order, so the result equals
     * the sample-by-sample recurrence exactly.
     */
    public static void lanes(double[] sos, double[] zi, double[] data, int off, int n, int frame, boolean backward) {
        lanes(sos, zi, data, off, n, frame, backward, 0, frame);
    }

    /**
     * Whether the vector registers are many (AVX-512 and wider: 32 registers), so that two
     * lane groups through two sections fit side by side ({@link #lanesByPair}); with 16 (AVX2)
     * such forms spill, and four sections of one lane group at a time ({@link #lanesBySection})
     * run about twice as fast. All give the same bits.
     */
    public static final boolean WIDE_REGISTERS = SPECIES.vectorBitSize() >= 512;

    /** {@link #lanes} on the lanes in [gFrom, gTo) of each frame only (whole lane groups). */
    public static void lanes(double[] sos, double[] zi, double[] data, int off, int n, int frame, boolean backward, int gFrom, int gTo) {
        int lanes = SPECIES.length();
        if (frame % lanes != 0) {
            throw new IllegalArgumentException("frame " + frame + " is not a multiple of " + lanes + " lanes");
        }
        if (!WIDE_REGISTERS || gTo - gFrom <= lanes) {
            // one lane group: four sections in flight rather than one section's chain
            lanesBySection(sos, zi, data, off, n, frame, backward, gFrom, gTo);
            return;
        }
        lanesByPair(sos, zi, data, off, n, frame, backward, gFrom, gTo);
    }

    /**
     * For 32-register machines: lane groups in pairs, two sections of both per sweep over a
     * block (eight state vectors, ten coefficient vectors and four independent chains in
     * registers), a last single group through {@link #heldLanes}. Measured on an AVX-512 Zen 4
     * (8-double vectors, 4 096 frames in cache): 3.1 ns per frame of 8 lanes through four
     * sections (4.99 while the coefficients were read at each use, the loads then the bound;
     * 29-46 cycles for one section of two or four groups side by side, the form before). Same
     * operations per lane, same bits.
     */
    static void lanesByPair(double[] sos, double[] zi, double[] data, int off, int n, int frame, boolean backward, int gFrom, int gTo) {
        int lanes = SPECIES.length();
        int sections = sos.length / 6;
        int step = backward ? -frame : frame;
        double[] cb = broadcastCoefficients(sos);
        for (int b = 0; b < n; b += BLOCK) {
            int count = Math.min(BLOCK, n - b);
            int first = backward ? off + (n - 1 - b) * frame : off + b * frame;
            int g = gFrom;
            for (; g + 2 * lanes <= gTo; g += 2 * lanes) {
                int s = 0;
                for (; s + 2 <= sections; s += 2) {
                    pairLanes(cb, s, true, zi, frame, g, data, first + g, count, step);
                }
                if (s < sections) {
                    pairLanes(cb, s, false, zi, frame, g, data, first + g, count, step);
                }
            }
            if (g < gTo) {
                groupLanes(sos, cb, zi, frame, g, data, first + g, count, step);
            }
        }
    }

    /**
     * Two lane groups (g, g + lanes) through sections s and s + 1 ({@code two}) or section s
     * alone, sample-major. {@code two} is fixed for a call, so the compiler makes one loop of
     * each kind. Kept this small on purpose: a four-section version of it exceeded the
     * compiler's inlining budget, and its vectors were boxed (12x slower).
     */
    private static void pairLanes(double[] cb, int s, boolean two, double[] zi, int frame, int g, double[] data, int p, int count,
                                  int step) {
        int l = SPECIES.length();
        int ia = (2 * s) * frame + g;
        int ib = ia + l;
        int far = two ? 2 * frame : 0; // section s + 1's states: touched only when two
        DoubleVector za0 = DoubleVector.fromArray(SPECIES, zi, ia);
        DoubleVector za1 = DoubleVector.fromArray(SPECIES, zi, ia + frame);
        DoubleVector qa0 = DoubleVector.fromArray(SPECIES, zi, ib);
        DoubleVector qa1 = DoubleVector.fromArray(SPECIES, zi, ib + frame);
        DoubleVector ze0 = DoubleVector.fromArray(SPECIES, zi, ia + far);
        DoubleVector ze1 = DoubleVector.fromArray(SPECIES, zi, ia + far + (two ? frame : 0));
        DoubleVector qe0 = DoubleVector.fromArray(SPECIES, zi, ib + far);
        DoubleVector qe1 = DoubleVector.fromArray(SPECIES, zi, ib + far + (two ? frame : 0));
        int a = s, e = two ? s + 1 : s;
        // the ten coefficients held in registers (32 of them leave room beside the eight states):
        // read from memory at each use, the loads rather than the multiply-adds bounded the loop
        DoubleVector ab0 = coef(cb, a, 0), ab1 = coef(cb, a, 1), ab2 = coef(cb, a, 2), an1 = coef(cb, a, 3), an2 = coef(cb, a, 4);
        DoubleVector eb0 = coef(cb, e, 0), eb1 = coef(cb, e, 1), eb2 = coef(cb, e, 2), en1 = coef(cb, e, 3), en2 = coef(cb, e, 4);
        for (int t = 0; t < count; t++, p += step) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, data, p);
            DoubleVector u = DoubleVector.fromArray(SPECIES, data, p + l);
            DoubleVector ya = x.fma(ab0, za0);
            DoubleVector va = u.fma(ab0, qa0);
            za0 = ya.fma(an1, x.fma(ab1, za1));
            qa0 = va.fma(an1, u.fma(ab1, qa1));
            za1 = ya.fma(an2, x.mul(ab2));
            qa1 = va.fma(an2, u.mul(ab2));
            if (two) {
                DoubleVector ye = ya.fma(eb0, ze0);
                DoubleVector ve = va.fma(eb0, qe0);
                ze0 = ye.fma(en1, ya.fma(eb1, ze1));
                qe0 = ve.fma(en1, va.fma(eb1, qe1));
                ze1 = ye.fma(en2, ya.mul(eb2));
                qe1 = ve.fma(en2, va.mul(eb2));
                ya = ye;
                va = ve;
            }
            ya.intoArray(data, p);
            va.intoArray(data, p + l);
        }
        // stored here, not through a helper (see sectionLanes)
        za0.intoArray(zi, ia);
        za1.intoArray(zi, ia + frame);
        qa0.intoArray(zi, ib);
        qa1.intoArray(zi, ib + frame);
        if (two) {
            ze0.intoArray(zi, ia + far);
            ze1.intoArray(zi, ia + far + frame);
            qe0.intoArray(zi, ib + far);
            qe1.intoArray(zi, ib + far + frame);
        }
    }

    /**
     * Sample-major variant: one lane group at a time, four sections per sweep over the block
     * (then one at a time), so the four sections' recurrences are independent chains for the
     * out-of-order core without needing more vector registers than a 16-register machine
     * has. Same operations per lane, same bits.
     */
    static void lanesBySection(double[] sos, double[] zi, double[] data, int off, int n, int frame, boolean backward, int gFrom, int gTo) {
        int lanes = SPECIES.length();
        int step = backward ? -frame : frame;
        double[] cb = broadcastCoefficients(sos);
        for (int b = 0; b < n; b += BLOCK) {
            int count = Math.min(BLOCK, n - b);
            int first = backward ? off + (n - 1 - b) * frame : off + b * frame;
            for (int g = gFrom; g < gTo; g += lanes) {
                groupLanes(sos, cb, zi, frame, g, data, first + g, count, step);
            }
        }
    }

    /** One lane group through every section over a block: four sections per sweep, then two, then one. */
    private static void groupLanes(double[] sos, double[] cb, double[] zi, int frame, int g, double[] data, int p, int count, int step) {
        int sections = sos.length / 6;
        int s = 0;
        for (; s + 4 <= sections; s += 4) {
            if (WIDE_REGISTERS) {
                heldLanes(cb, s, zi, frame, g, data, p, count, step);
            } else {
                sectionLanes(cb, s, true, zi, frame, g, data, p, count, step);
            }
        }
        for (; s + 2 <= sections; s += 2) {
            sectionLanes(cb, s, false, zi, frame, g, data, p, count, step);
        }
        for (; s < sections; s++) {
            int c = s * 6;
            one(DoubleVector.broadcast(SPECIES, sos[c]), DoubleVector.broadcast(SPECIES, sos[c + 1]), DoubleVector.broadcast(SPECIES, sos[c + 2]),
                    DoubleVector.broadcast(SPECIES, -sos[c + 4]), DoubleVector.broadcast(SPECIES, -sos[c + 5]), zi, (2 * s) * frame + g,
                    (2 * s + 1) * frame + g, data, p, count, step);
        }
    }

    /**
     * Each section's b0, b1, b2, -a1, -a2 repeated across the lanes, [(section * 5 + k) * lanes]:
     * the loops read their coefficients from here at every use (a load folded into the fused
     * multiply-add) instead of holding twenty coefficient vectors, which on a 16-register
     * machine pushed the section states out of registers and through memory, lengthening the
     * recurrence (measured 1.4-1.6x slower).
     */
    static double[] broadcastCoefficients(double[] sos) {
        int lanes = SPECIES.length();
        int sections = sos.length / 6;
        double[] cb = new double[sections * 5 * lanes];
        for (int s = 0; s < sections; s++) {
            double[] k = {sos[s * 6], sos[s * 6 + 1], sos[s * 6 + 2], -sos[s * 6 + 4], -sos[s * 6 + 5]};
            for (int i = 0; i < 5; i++) {
                java.util.Arrays.fill(cb, (s * 5 + i) * lanes, (s * 5 + i + 1) * lanes, k[i]);
            }
        }
        return cb;
    }

    private static DoubleVector coef(double[] cb, int section, int k) {
        return DoubleVector.fromArray(SPECIES, cb, (section * 5 + k) * SPECIES.length());
    }

    /**
     * Two or four consecutive sections (from s) of one lane group over a block, sample-major.
     * {@code four} is fixed for a call, so the compiler makes one loop of each kind.
     */
    private static void sectionLanes(double[] cb, int s, boolean four, double[] zi, int frame, int g, double[] data, int p, int count,
                                     int step) {
        int ia = (2 * s) * frame + g;
        DoubleVector za0 = DoubleVector.fromArray(SPECIES, zi, ia);
        DoubleVector za1 = DoubleVector.fromArray(SPECIES, zi, ia + frame);
        DoubleVector ze0 = DoubleVector.fromArray(SPECIES, zi, ia + 2 * frame);
        DoubleVector ze1 = DoubleVector.fromArray(SPECIES, zi, ia + 3 * frame);
        DoubleVector zf0 = four ? DoubleVector.fromArray(SPECIES, zi, ia + 4 * frame) : za0;
        DoubleVector zf1 = four ? DoubleVector.fromArray(SPECIES, zi, ia + 5 * frame) : za0;
        DoubleVector zg0 = four ? DoubleVector.fromArray(SPECIES, zi, ia + 6 * frame) : za0;
        DoubleVector zg1 = four ? DoubleVector.fromArray(SPECIES, zi, ia + 7 * frame) : za0;
        int a = s, e = s + 1, f = s + 2, h = s + 3;
        for (int t = 0; t < count; t++, p += step) {
            // each section's output is the next one's input: x -> ya -> ye (-> yf -> y)
            DoubleVector x = DoubleVector.fromArray(SPECIES, data, p);
            DoubleVector ya = x.fma(coef(cb, a, 0), za0);
            za0 = ya.fma(coef(cb, a, 3), x.fma(coef(cb, a, 1), za1));
            za1 = ya.fma(coef(cb, a, 4), x.mul(coef(cb, a, 2)));
            DoubleVector ye = ya.fma(coef(cb, e, 0), ze0);
            ze0 = ye.fma(coef(cb, e, 3), ya.fma(coef(cb, e, 1), ze1));
            ze1 = ye.fma(coef(cb, e, 4), ya.mul(coef(cb, e, 2)));
            DoubleVector y = ye;
            if (four) {
                DoubleVector yf = ye.fma(coef(cb, f, 0), zf0);
                zf0 = yf.fma(coef(cb, f, 3), ye.fma(coef(cb, f, 1), zf1));
                zf1 = yf.fma(coef(cb, f, 4), ye.mul(coef(cb, f, 2)));
                y = yf.fma(coef(cb, h, 0), zg0);
                zg0 = y.fma(coef(cb, h, 3), yf.fma(coef(cb, h, 1), zg1));
                zg1 = y.fma(coef(cb, h, 4), yf.mul(coef(cb, h, 2)));
            }
            y.intoArray(data, p);
        }
        // stored here, not through a helper: vectors passed to a method that is not inlined are
        // boxed, and that made the whole kernel four times slower
        za0.intoArray(zi, ia);
        za1.intoArray(zi, ia + frame);
        ze0.intoArray(zi, ia + 2 * frame);
        ze1.intoArray(zi, ia + 3 * frame);
        if (four) {
            zf0.intoArray(zi, ia + 4 * frame);
            zf1.intoArray(zi, ia + 5 * frame);
            zg0.intoArray(zi, ia + 6 * frame);
            zg1.intoArray(zi, ia + 7 * frame);
        }
    }

    /**
     * {@link #sectionLanes} with four sections for 32-register machines: the twenty coefficients
     * are held in registers beside the eight states instead of read at each use (in cache, one
     * lane group through four sections took 3.4-4.0 ns per frame against 7.5: the loads were the
     * bound). A loop of its own: the shared one's coefficient choice went over the compiler's
     * inlining budget, and its vectors were boxed.
     */
    private static void heldLanes(double[] cb, int s, double[] zi, int frame, int g, double[] data, int p, int count,
                                     int step) {
        int ia = (2 * s) * frame + g;
        DoubleVector za0 = DoubleVector.fromArray(SPECIES, zi, ia);
        DoubleVector za1 = DoubleVector.fromArray(SPECIES, zi, ia + frame);
        DoubleVector ze0 = DoubleVector.fromArray(SPECIES, zi, ia + 2 * frame);
        DoubleVector ze1 = DoubleVector.fromArray(SPECIES, zi, ia + 3 * frame);
        DoubleVector zf0 = DoubleVector.fromArray(SPECIES, zi, ia + 4 * frame);
        DoubleVector zf1 = DoubleVector.fromArray(SPECIES, zi, ia + 5 * frame);
        DoubleVector zg0 = DoubleVector.fromArray(SPECIES, zi, ia + 6 * frame);
        DoubleVector zg1 = DoubleVector.fromArray(SPECIES, zi, ia + 7 * frame);
        int a = s, e = s + 1, f = s + 2, h = s + 3;
        DoubleVector a0 = coef(cb, a, 0), a1 = coef(cb, a, 1), a2 = coef(cb, a, 2), a3 = coef(cb, a, 3), a4 = coef(cb, a, 4);
        DoubleVector e0 = coef(cb, e, 0), e1 = coef(cb, e, 1), e2 = coef(cb, e, 2), e3 = coef(cb, e, 3), e4 = coef(cb, e, 4);
        DoubleVector f0 = coef(cb, f, 0), f1 = coef(cb, f, 1), f2 = coef(cb, f, 2), f3 = coef(cb, f, 3), f4 = coef(cb, f, 4);
        DoubleVector h0 = coef(cb, h, 0), h1 = coef(cb, h, 1), h2 = coef(cb, h, 2), h3 = coef(cb, h, 3), h4 = coef(cb, h, 4);
        for (int t = 0; t < count; t++, p += step) {
            // each section's output is the next one's input: x -> ya -> ye (-> yf -> y)
            DoubleVector x = DoubleVector.fromArray(SPECIES, data, p);
            DoubleVector ya = x.fma(a0, za0);
            za0 = ya.fma(a3, x.fma(a1, za1));
            za1 = ya.fma(a4, x.mul(a2));
            DoubleVector ye = ya.fma(e0, ze0);
            ze0 = ye.fma(e3, ya.fma(e1, ze1));
            ze1 = ye.fma(e4, ya.mul(e2));
            DoubleVector yf = ye.fma(f0, zf0);
            zf0 = yf.fma(f3, ye.fma(f1, zf1));
            zf1 = yf.fma(f4, ye.mul(f2));
            DoubleVector y = yf.fma(h0, zg0);
            zg0 = y.fma(h3, yf.fma(h1, zg1));
            zg1 = y.fma(h4, yf.mul(h2));
            y.intoArray(data, p);
        }
        za0.intoArray(zi, ia);
        za1.intoArray(zi, ia + frame);
        ze0.intoArray(zi, ia + 2 * frame);
        ze1.intoArray(zi, ia + 3 * frame);
        zf0.intoArray(zi, ia + 4 * frame);
        zf1.intoArray(zi, ia + 5 * frame);
        zg0.intoArray(zi, ia + 6 * frame);
        zg1.intoArray(zi, ia + 7 * frame);
    }

    private static void one(DoubleVector b0, DoubleVector b1, DoubleVector b2, DoubleVector na1, DoubleVector na2, double[] zi,
                            int z0i, int z1i, double[] data, int p, int count, int step) {
        DoubleVector z0 = DoubleVector.fromArray(SPECIES, zi, z0i);
        DoubleVector z1 = DoubleVector.fromArray(SPECIES, zi, z1i);
        for (int t = 0; t < count; t++, p += step) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, data, p);
            DoubleVector y = x.fma(b0, z0);
            z0 = y.fma(na1, x.fma(b1, z1));
            z1 = y.fma(na2, x.mul(b2));
            y.intoArray(data, p);
        }
        z0.intoArray(zi, z0i);
        z1.intoArray(zi, z1i);
    }

    /**
     * The frame width {@link #run} wants: the channels themselves when few (the scalar path
     * needs no padding, and a padded single channel would touch a cache line per sample), else
     * the channels rounded up to whole vectors.
     */
    public static int frameFor(int channels) {
        if (channels <= SCALAR_MAX_CHANNELS) {
            return channels;
        }
        int lanes = SPECIES.length();
        return (channels + lanes - 1) / lanes * lanes;
    }
}
