package io.vitalstream.io;

import io.vitalstream.error.InvalidParameterException;

/**
 * What the file readers share: a number of frames and the stored channels selected (a
 * subset, in the order asked), validated once, and the bounds check of every read.
 */
abstract sealed class SelectedFrames implements SignalSource permits MappedFrames, WfdbSource {

    protected final long frames;
    /** Stored channel index of each selected channel. */
    protected final int[] selection;

    SelectedFrames(long frames, int[] selection) {
        this.frames = frames;
        this.selection = selection;
    }

    /**
     * The stored channel indices a request selects, checked against the file.
     *
     * @param requested the channels asked for, or null for all of them in order
     * @param stored    how many channels the file holds
     * @param holder    how the error names the file ("the file has", "rec.hea has")
     */
    static int[] select(int[] requested, int stored, String holder) {
        int[] sel = requested == null ? identity(stored) : requested.clone();
        for (int c : sel) {
            if (c < 0 || c >= stored) {
                throw new InvalidParameterException("channels", "channel " + c + " does not exist; " + holder + " " + stored
                        + " channel(s), numbered from 0");
            }
        }
        return sel;
    }

    private static int[] identity(int n) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = i;
        }
        return s;
    }

    @Override
    public final int channels() {
        return selection.length;
    }

    @Override
    public final long frames() {
        return frames;
    }

    /** Refuses frames outside [0, frames); true when there is at least one frame to read. */
    protected final boolean inRange(long start, int count) {
        if (start < 0 || count < 0 || start + count > frames) {
            throw new IndexOutOfBoundsException("frames [" + start + ", " + (start + count) + ") outside [0, " + frames + ")");
        }
        return count > 0;
    }
}
