package io.vitalstream.pipeline;

import io.vitalstream.dsp.FrameReader;
import io.vitalstream.dsp.FrameWriter;
import io.vitalstream.io.SignalSink;
import io.vitalstream.io.SignalSource;

/** A file's frames as the engine reads and writes them (whole frames: files decode every channel at once). */
public final class SourceFrames {

    private SourceFrames() {
    }

    public static FrameReader reader(SignalSource source) {
        return new FrameReader() {
            @Override
            public int channels() {
                return source.channels();
            }

            @Override
            public long frames() {
                return source.frames();
            }

            @Override
            public void read(long start, int count, int first, int channelCount, double[] dest, int offset, int frame) {
                if (first != 0 || channelCount != source.channels()) {
                    throw new IllegalArgumentException("a file is read in whole frames");
                }
                source.read(start, count, dest, offset, frame);
            }
        };
    }

    public static FrameWriter writer(SignalSink sink) {
        return sink::write;
    }
}
