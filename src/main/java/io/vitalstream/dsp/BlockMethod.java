package io.vitalstream.dsp;

/**
 * A whole-signal method whose output at a sample depends on distant samples only through
 * weights that decay geometrically with distance (the Whittaker smoother's banded inverse),
 * or not at all beyond a reach (a fixed number of gradient steps): a recording too long for
 * memory is run on blocks with {@link #overlap()} samples of context on each side, which bring
 * each seam below {@link #SEAM_TOLERANCE} of the signal's scale (or make it exact).
 */
public interface BlockMethod extends WholeSignalMethod {

    /** The weight a sample {@link #overlap()} away still has: seams stay below this times the signal's scale. */
    double SEAM_TOLERANCE = 1e-12;

    /** Context on each side of a block, in samples; 0 when this configuration needs the whole signal. */
    int overlap();
}
