package io.vitalstream.dsp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vitalstream.dsp.design.Sos;
import io.vitalstream.kernels.SosKernel;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The zero-input response of a cascade over a segment, added to the segment's output from
 * rest: the last step of the time-parallel causal filter ("add the zero-input response"
 * instead of filtering the segment a second time). By linearity the output from starting state
 * z is the output from rest plus C A^t z; with t = m B + tau,
 * <pre>
 *   C A^t z = sum_j h_j[tau] (Phi^m z)_j,   h_j = the output from unit state j,  Phi = A^B
 * </pre>
 * so a table of the first B = {@value #BLOCK} samples of each h_j (in double-double, rounded
 * once) and the powers Phi^m give the correction with 2S fused multiply-adds per sample and
 * no recurrence: throughput-bound where filtering again is latency-bound. Terms that have died
 * out (under 2^-64 of the lane's bound in its first block) are left out, four states at a time:
 * the first sections, which hold the poles farthest from the unit circle, stop costing anything
 * after a block or two. The order of the
 * operations per sample is fixed (j ascending), so a lane's bits depend only on its output from
 * rest and its starting state, never on the lanes beside it.
 */
final class ZeroInputResponse {

    /** Samples per block: the table is B x 2S doubles (16 KB for four sections), first-level cache. */
    static final int BLOCK = 256;

    private static final VectorSpecies<Double> SPECIES = SosKernel.SPECIES;
    /** States below this are cleared (2^-900, about 1e-271). */
    private static final double TINY = 0x1p-900;
    /**
     * A block's term of state j is left out when it is at most this fraction of the lane's
     * bound in its first block (2^-64, about 5e-20): |w_j| max|h_j| <= 2^-64 sum_i |z_i| max|h_i|.
     */
    private static final double NEGLIGIBLE = 0x1p-64;

    private record Key(Sos sos, int length) {
    }

    private static final int CACHED = 32;
    /** The last {@value #CACHED} filters and lengths (weight 1 each: the cache variant the service already uses). */
    private static final Cache<Key, ZeroInputResponse> CACHE = Caffeine.newBuilder().maximumWeight(CACHED).weigher((Key k, ZeroInputResponse v) -> 1).build();

    private final int states;
    /** h_j[tau] at [tau * states + j]. */
    private final double[] table;
    /** max over tau of |h_j[tau]|: the most state j's term can add to a sample, per unit of the state. */
    private final double[] reach;
    /** Phi^m at [m * states^2 + i * states + j], m = 0 .. blocks - 1. */
    private final double[] powers;
    private final int blocks;

    private ZeroInputResponse(Sos sos, int length) {
        double[] flat = sos.flat();
        this.states = flat.length / 3;
        this.blocks = (length + BLOCK - 1) / BLOCK;
        this.table = StateTransition.unitStateResponses(flat, Math.min(BLOCK, length));
        this.powers = StateTransition.of(sos, BLOCK).powers(blocks);
        this.reach = new double[states];
        for (int i = 0; i < table.length; i++) {
            reach[i % states] = Math.max(reach[i % states], Math.abs(table[i]));
        }
    }

    /** For segments of at most {@code length} samples; cached per filter and length. */
    static ZeroInputResponse of(Sos sos, int length) {
        return CACHE.get(new Key(sos, length), k -> new ZeroInputResponse(sos, length));
    }

    /**
     * Adds to frames [0, count) of {@code data} (interleaved, {@code frame} lanes, a multiple of
     * the vector length) the zero-input response of each lane's starting state: lane l starts
     * from z[at[l] .. at[l] + 2S), or from rest when at[l] < 0.
     */
    void add(double[] data, int count, int frame, double[] z, int[] at) {
        if (count > blocks * BLOCK) {
            throw new IllegalArgumentException(count + " samples, the table covers " + blocks * BLOCK);
        }
        boolean any = false;
        for (int l = 0; l < frame && !any; l++) {
            if (at[l] >= 0) {
                for (int j = 0; j < states; j++) {
                    any |= z[at[l] + j] != 0;
                }
            }
        }
        if (!any) {
            return; // every lane from rest: nothing to add
        }
        int lanes = SPECIES.length();
        // per lane, what a term may be and still be left out: 2^-64 of the bound on the whole
        // correction in the first block (later blocks hold the same states decayed). Sections
        // are ordered with the poles nearest the unit circle last (scipy's zpk2sos), so the
        // first sections' states die out within a block or two and their terms are skipped for
        // the rest of the segment; a filter whose poles are all fast skips every term early.
        // The terms left out add at most 2S 2^-64 of that bound to a sample (about 4e-19 of it
        // with eight states); each lane decides from its own state only, so the bits still
        // depend on nothing but the plan.
        double[] negligible = new double[frame];
        for (int l = 0; l < frame; l++) {
            if (at[l] >= 0) {
                double bound = 0;
                for (int j = 0; j < states; j++) {
                    bound += Math.abs(z[at[l] + j]) * reach[j];
                }
                negligible[l] = NEGLIGIBLE * bound;
            }
        }
        double[] w = new double[states * frame];
        for (int m = 0; m * BLOCK < count; m++) {
            int p0 = m * states * states;
            for (int l = 0; l < frame; l++) {
                for (int i = 0; i < states; i++) {
                    double acc = 0;
                    if (at[l] >= 0) {
                        for (int j = 0; j < states; j++) {
                            acc = Math.fma(powers[p0 + i * states + j], z[at[l] + j], acc);
                        }
                    }
                    // a decayed mode is cleared: subnormal operands slow the additions down
                    // (measured 1.7x), and a negligible term is not worth its multiply-adds
                    w[i * frame + l] = Math.abs(acc) < TINY || Math.abs(acc) * reach[i] <= negligible[l] ? 0.0 : acc;
                }
            }
            int end = Math.min(BLOCK, count - m * BLOCK);
            int base = m * BLOCK * frame;
            int q = 0;
            for (; q + 2 * lanes <= frame; q += 2 * lanes) {
                // two lane groups side by side, each table entry broadcast once for both (the
                // tasks of 32-register CPUs hold a pair: measured 6 % less time for sosfilt)
                int j = 0;
                for (; j + 4 <= states; j += 4) {
                    if (!zero(w, j * frame + q, frame, 4) || !zero(w, j * frame + q + lanes, frame, 4)) {
                        fourPair(data, base + q, frame, end, w, j * frame + q, table, j, states);
                    }
                }
                for (; j < states; j++) {
                    if (!zero(w, j * frame + q, frame, 1)) {
                        one(data, base + q, frame, end, w, j * frame + q, table, j, states);
                    }
                    if (!zero(w, j * frame + q + lanes, frame, 1)) {
                        one(data, base + q + lanes, frame, end, w, j * frame + q + lanes, table, j, states);
                    }
                }
            }
            for (; q < frame; q += lanes) {
                // four states per sweep over the block (the block stays in the first-level
                // cache), their w vectors held in registers; per sample still j ascending
                int j = 0;
                for (; j + 4 <= states; j += 4) {
                    if (!zero(w, j * frame + q, frame, 4)) {
                        four(data, base + q, frame, end, w, j * frame + q, table, j, states);
                    }
                }
                for (; j < states; j++) {
                    if (!zero(w, j * frame + q, frame, 1)) {
                        one(data, base + q, frame, end, w, j * frame + q, table, j, states);
                    }
                }
            }
        }
    }

    /** Whether the w vectors of {@code count} states from {@code at} are all zero (decayed): nothing to add for them. */
    private static boolean zero(double[] w, int at, int frame, int count) {
        int lanes = SPECIES.length();
        for (int k = 0; k < count; k++) {
            for (int l = 0; l < lanes; l++) {
                if (w[at + k * frame + l] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@link #four} on two adjacent lane groups at once: the same operations per lane, each table entry broadcast once. */
    private static void fourPair(double[] data, int p, int frame, int end, double[] w, int wAt, double[] table, int h, int states) {
        int l = SPECIES.length();
        DoubleVector w0 = DoubleVector.fromArray(SPECIES, w, wAt);
        DoubleVector w1 = DoubleVector.fromArray(SPECIES, w, wAt + frame);
        DoubleVector w2 = DoubleVector.fromArray(SPECIES, w, wAt + 2 * frame);
        DoubleVector w3 = DoubleVector.fromArray(SPECIES, w, wAt + 3 * frame);
        DoubleVector v0 = DoubleVector.fromArray(SPECIES, w, wAt + l);
        DoubleVector v1 = DoubleVector.fromArray(SPECIES, w, wAt + l + frame);
        DoubleVector v2 = DoubleVector.fromArray(SPECIES, w, wAt + l + 2 * frame);
        DoubleVector v3 = DoubleVector.fromArray(SPECIES, w, wAt + l + 3 * frame);
        for (int tau = 0; tau < end; tau++, p += frame, h += states) {
            DoubleVector a = DoubleVector.fromArray(SPECIES, data, p);
            DoubleVector b = DoubleVector.fromArray(SPECIES, data, p + l);
            DoubleVector h0 = DoubleVector.broadcast(SPECIES, table[h]);
            a = w0.fma(h0, a);
            b = v0.fma(h0, b);
            DoubleVector h1 = DoubleVector.broadcast(SPECIES, table[h + 1]);
            a = w1.fma(h1, a);
            b = v1.fma(h1, b);
            DoubleVector h2 = DoubleVector.broadcast(SPECIES, table[h + 2]);
            a = w2.fma(h2, a);
            b = v2.fma(h2, b);
            DoubleVector h3 = DoubleVector.broadcast(SPECIES, table[h + 3]);
            a = w3.fma(h3, a);
            b = v3.fma(h3, b);
            a.intoArray(data, p);
            b.intoArray(data, p + l);
        }
    }

    private static void four(double[] data, int p, int frame, int end, double[] w, int wAt, double[] table, int h, int states) {
        DoubleVector w0 = DoubleVector.fromArray(SPECIES, w, wAt);
        DoubleVector w1 = DoubleVector.fromArray(SPECIES, w, wAt + frame);
        DoubleVector w2 = DoubleVector.fromArray(SPECIES, w, wAt + 2 * frame);
        DoubleVector w3 = DoubleVector.fromArray(SPECIES, w, wAt + 3 * frame);
        for (int tau = 0; tau < end; tau++, p += frame, h += states) {
            DoubleVector acc = DoubleVector.fromArray(SPECIES, data, p);
            acc = w0.fma(DoubleVector.broadcast(SPECIES, table[h]), acc);
            acc = w1.fma(DoubleVector.broadcast(SPECIES, table[h + 1]), acc);
            acc = w2.fma(DoubleVector.broadcast(SPECIES, table[h + 2]), acc);
            acc = w3.fma(DoubleVector.broadcast(SPECIES, table[h + 3]), acc);
            acc.intoArray(data, p);
        }
    }

    private static void one(double[] data, int p, int frame, int end, double[] w, int wAt, double[] table, int h, int states) {
        DoubleVector w0 = DoubleVector.fromArray(SPECIES, w, wAt);
        for (int tau = 0; tau < end; tau++, p += frame, h += states) {
            w0.fma(DoubleVector.broadcast(SPECIES, table[h]), DoubleVector.fromArray(SPECIES, data, p)).intoArray(data, p);
        }
    }
}
