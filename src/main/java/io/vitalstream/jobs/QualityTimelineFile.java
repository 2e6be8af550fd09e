package io.vitalstream.jobs;

import io.vitalstream.dsp.quality.QualityAssessment;
import io.vitalstream.dsp.quality.QualityReport;
import io.vitalstream.dsp.quality.Zhao2018;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A job's quality timeline on disk: one fixed-size record of little-endian doubles per segment
 * and channel, segment-major (record k * channels + c), so any time range reads with one seek;
 * an absent (null) measure is NaN, a flag 0 or 1, the zhao2018 grade its ordinal.
 */
final class QualityTimelineFile {

    static final int FIELDS = 24;
    static final int RECORD_BYTES = FIELDS * 8;

    private QualityTimelineFile() {
    }

    static void put(ByteBuffer b, QualityReport.Segment s) {
        b.putDouble(s.start()).putDouble(s.end()).putDouble(s.score()).putDouble(nan(s.snrDb()));
        b.putDouble(s.flatRatio()).putDouble(s.clipRatio()).putDouble(s.presencePass() ? 1 : 0);
        b.putDouble(s.outlierRatio()).putDouble(s.jumpRatio()).putDouble(s.statisticalPass() ? 1 : 0).putDouble(s.sqi());
        b.putDouble(s.nonFiniteRatio()).putDouble(nan(s.pSqi())).putDouble(nan(s.kSqi())).putDouble(nan(s.basSqi()));
        b.putDouble(s.zhao2018() == null ? Double.NaN : grade(s.zhao2018()).ordinal()).putDouble(nan(s.zhao2018V()));
        b.putDouble(nan(s.averageQrs())).putDouble(nan(s.heartRateBpm())).putDouble(nan(s.skewness()));
        b.putDouble(nan(s.templateMatch())).putDouble(nan(s.lineNoise())).putDouble(nan(s.bandPower())).putDouble(0);
    }

    static QualityReport.Segment get(ByteBuffer b) {
        double[] v = new double[FIELDS];
        for (int i = 0; i < FIELDS; i++) {
            v[i] = b.getDouble();
        }
        return new QualityReport.Segment(v[0], v[1], v[2], QualityAssessment.level(v[2]), box(v[3]), v[4], v[5], v[6] != 0, v[7], v[8],
                v[9] != 0, v[10], v[11], box(v[12]), box(v[13]), box(v[14]),
                Double.isNaN(v[15]) ? null : Zhao2018.Grade.values()[(int) v[15]].wire, box(v[16]), box(v[17]), box(v[18]), box(v[19]),
                box(v[20]), box(v[21]), box(v[22]));
    }

    /** Reads records [first, first + count) of a file. */
    static QualityReport.Segment[] read(Path file, long first, int count) throws IOException {
        QualityReport.Segment[] out = new QualityReport.Segment[count];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(Math.max(1, Math.min(count, 4096)) * RECORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            int done = 0;
            while (done < count) {
                int batch = Math.min(count - done, b.capacity() / RECORD_BYTES);
                b.clear().limit(batch * RECORD_BYTES);
                long at = (first + done) * RECORD_BYTES;
                while (b.hasRemaining()) {
                    if (ch.read(b, at + b.position()) < 0) {
                        throw new IOException("quality timeline " + file.getFileName() + " ends before record " + (first + count));
                    }
                }
                b.flip();
                for (int i = 0; i < batch; i++) {
                    out[done + i] = get(b);
                }
                done += batch;
            }
        }
        return out;
    }

    private static Zhao2018.Grade grade(String wire) {
        for (Zhao2018.Grade g : Zhao2018.Grade.values()) {
            if (g.wire.equals(wire)) {
                return g;
            }
        }
        throw new IllegalArgumentException(wire);
    }

    private static double nan(Double v) {
        return v == null ? Double.NaN : v;
    }

    private static Double box(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
