package io.vitalstream.jobs;

import io.vitalstream.dsp.TestSignals;
import io.vitalstream.dsp.quality.QualityReport;
import io.vitalstream.dsp.quality.QualityScreen;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A segment of every signal type survives the timeline's fixed-size record unchanged, nulls and grades included. */
class QualityTimelineFileTest {

    @Test
    void everyFieldOfEveryTypeRoundTrips() {
        double fs = 250;
        double[] ecg = TestSignals.syntheticEcg(2500, fs);
        double[] noise = new double[2500];
        Random r = new Random(2);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = r.nextGaussian();
        }
        double[] gap = ecg.clone();
        gap[100] = Double.NaN;
        double[] flat = new double[2500];
        List<QualityReport.Segment> segments = new ArrayList<>();
        for (QualityScreen.Type type : QualityScreen.Type.values()) {
            for (double[] x : new double[][] {ecg, noise, gap, flat}) {
                segments.add(QualityScreen.segment(x, 0, x.length, fs, type, 90));
            }
        }
        ByteBuffer b = ByteBuffer.allocate(segments.size() * QualityTimelineFile.RECORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        segments.forEach(s -> QualityTimelineFile.put(b, s));
        assertEquals(b.capacity(), b.position(), "fixed-size records");
        b.flip();
        for (QualityReport.Segment s : segments) {
            assertEquals(s, QualityTimelineFile.get(b));
        }
    }
}
