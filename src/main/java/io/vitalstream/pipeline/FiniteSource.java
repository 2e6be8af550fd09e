package io.vitalstream.pipeline;

import io.vitalstream.error.MalformedInputException;
import io.vitalstream.io.SampleType;
import io.vitalstream.io.SignalSource;

import java.util.List;
import java.util.OptionalDouble;

/**
 * A source whose every read is checked for NaN and infinities: a recording holding one is
 * refused (422, naming the channel and the sample) on the first chunk that has it, instead
 * of filtering into NaN. Integer formats (npy/raw int16/int32, EDF, WFDB: finite scale factors
 * are checked in their headers) cannot hold them and are not scanned.
 */
final class FiniteSource implements SignalSource {

    private final SignalSource inner;
    private final String name;

    private FiniteSource(SignalSource inner, String name) {
        this.inner = inner;
        this.name = name;
    }

    static SignalSource of(SignalSource source, String name) {
        return source.sampleType() == SampleType.FLOAT32 || source.sampleType() == SampleType.FLOAT64
                ? new FiniteSource(source, name) : source;
    }

    @Override
    public void read(long start, int count, double[] dest, int offset, int frame) {
        inner.read(start, count, dest, offset, frame);
        int channels = inner.channels();
        for (int i = 0; i < count; i++) {
            int base = offset + i * frame;
            for (int c = 0; c < channels; c++) {
                double v = dest[base + c];
                if (!Double.isFinite(v)) {
                    throw new MalformedInputException(name + " holds " + (Double.isNaN(v) ? "NaN" : v > 0 ? "+Infinity" : "-Infinity")
                            + " at sample " + (start + i) + " of channel " + c + " (" + inner.channelNames().get(c)
                            + "); filters need finite samples: fill or cut the gap first");
                }
            }
        }
    }

    @Override
    public int channels() {
        return inner.channels();
    }

    @Override
    public long frames() {
        return inner.frames();
    }

    @Override
    public OptionalDouble samplingRate() {
        return inner.samplingRate();
    }

    @Override
    public SampleType sampleType() {
        return inner.sampleType();
    }

    @Override
    public List<String> channelNames() {
        return inner.channelNames();
    }

    @Override
    public long dataBytes() {
        return inner.dataBytes();
    }

    @Override
    public void close() {
        inner.close();
    }
}
