package io.vitalstream.io;

import io.vitalstream.error.InvalidParameterException;
import io.vitalstream.error.MalformedInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * EDF and EDF+ recordings. Signals may have different rates; a source exposes the signals of
 * one rate (the requested channels, which must share a rate, or else the largest group of
 * ordinary signals), skipping EDF+ annotation signals. Digital values are scaled to physical
 * units with each signal's header. Reads map only the data records they touch.
 */
public final class EdfSource implements SignalSource {

    private static final ValueLayout.OfShort SAMPLE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final FileChannel channel;
    private final EdfHeader header;
    private final List<EdfHeader.Signal> selected;
    private final List<Integer> selectedIndex;
    private final int spr;

    public EdfSource(Path path, int[] channels) {
        String name = path.getFileName().toString();
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.READ);
            long size = channel.size();
            byte[] head = FileHeads.read(channel, Math.min(size, 256L * 4097));
            this.header = EdfHeader.parse(head, size, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
        List<Integer> ordinary = new ArrayList<>();
        for (int s = 0; s < header.signals().size(); s++) {
            if (!header.signals().get(s).isAnnotation()) {
                ordinary.add(s);
            }
        }
        if (ordinary.isEmpty()) {
            closeQuietly();
            throw new MalformedInputException(name + " holds only annotations, no signals to filter");
        }
        List<Integer> chosen = new ArrayList<>();
        if (channels != null) {
            for (int c : channels) {
                if (c < 0 || c >= ordinary.size()) {
                    closeQuietly();
                    throw new InvalidParameterException("channels", "channel " + c + " does not exist; " + name + " has "
                            + ordinary.size() + " signal(s) besides annotations, numbered from 0");
                }
                chosen.add(ordinary.get(c));
            }
            int rate0 = header.signals().get(chosen.get(0)).samplesPerRecord();
            for (int s : chosen) {
                if (header.signals().get(s).samplesPerRecord() != rate0) {
                    closeQuietly();
                    throw new InvalidParameterException("channels", "the requested channels have different sampling rates ("
                            + rates(chosen) + "); filter the channels of one rate per job");
                }
            }
        } else {
            Map<Integer, List<Integer>> byRate = new LinkedHashMap<>();
            for (int s : ordinary) {
                byRate.computeIfAbsent(header.signals().get(s).samplesPerRecord(), k -> new ArrayList<>()).add(s);
            }
            for (List<Integer> group : byRate.values()) {
                if (group.size() > chosen.size()) {
                    chosen = group;
                }
            }
        }
        this.selectedIndex = List.copyOf(chosen);
        this.selected = chosen.stream().map(header.signals()::get).toList();
        this.spr = selected.get(0).samplesPerRecord();
    }

    private String rates(List<Integer> signals) {
        return signals.stream().map(s -> header.signals().get(s).label() + " " + header.signals().get(s).rate(header.recordSeconds()) + " Hz")
                .reduce((a, b) -> a + ", " + b).orElse("");
    }

    public EdfHeader header() {
        return header;
    }

    /** Indices (in the header) of the signals this source reads. */
    public List<Integer> signalIndices() {
        return selectedIndex;
    }

    @Override
    public int channels() {
        return selected.size();
    }

    @Override
    public long frames() {
        return header.records() * spr;
    }

    @Override
    public OptionalDouble samplingRate() {
        return OptionalDouble.of(spr / header.recordSeconds());
    }

    @Override
    public SampleType sampleType() {
        return SampleType.INT16;
    }

    @Override
    public List<String> channelNames() {
        return selected.stream().map(EdfHeader.Signal::label).toList();
    }

    @Override
    public long dataBytes() {
        return header.records() * header.recordBytes();
    }

    @Override
    public void read(long start, int count, double[] dest, int offset, int frame) {
        if (start < 0 || count < 0 || start + count > frames()) {
            throw new IndexOutOfBoundsException("frames [" + start + ", " + (start + count) + ") outside [0, " + frames() + ")");
        }
        if (count == 0) {
            return;
        }
        long r0 = start / spr;
        long r1 = (start + count - 1) / spr;
        long from = header.headerBytes() + r0 * header.recordBytes();
        long length = (r1 - r0 + 1) * header.recordBytes();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = channel.map(FileChannel.MapMode.READ_ONLY, from, length, arena);
            for (int k = 0; k < selected.size(); k++) {
                EdfHeader.Signal s = selected.get(k);
                double gain = s.gain();
                for (int i = 0; i < count; i++) {
                    long t = start + i;
                    long r = t / spr - r0;
                    long pos = r * header.recordBytes() + s.offsetInRecord() + 2L * (t % spr);
                    dest[offset + i * frame + k] = (seg.get(SAMPLE, pos) - s.digMin()) * gain + s.physMin();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closeQuietly() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing to add to the original failure
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
