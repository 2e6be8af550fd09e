package io.vitalstream.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.vitalstream.dsp.quality.QualityAssessment;
import io.vitalstream.dsp.quality.QualityReport;
import io.vitalstream.dsp.quality.QualityScreen;
import io.vitalstream.error.InvalidParameterException;
import io.vitalstream.error.StateConflictException;
import io.vitalstream.io.SignalSource;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The quality screen of a completed job's whole recording (SPEC section 6): every channel, in
 * segments of 10 s every 9 s, as its own pass over the input. The first request starts it on one
 * background thread (one recording at a time); the pass keeps one segment per channel in memory
 * (flat in the recording's length) and appends each segment's records to quality.<node>.part, which
 * requests read while it runs and which becomes quality.bin, with a summary, when it ends.
 * Long ranges are binned for plotting: each bin spans several segments and shows the worst.
 */
@ApplicationScoped
public class QualityTimelines {

    private static final Logger LOG = Logger.getLogger(QualityTimelines.class);
    public static final int MAX_SEGMENTS = 20_000;
    /** Channels x segments of one answer, at most. */
    static final long MAX_CELLS = 200_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    JobRegistry jobs;
    @Inject
    JobStore store;
    @Inject
    ClusterStore cluster;

    /**
     * This replica's part file: replicas sharing a data dir may screen the same job at once (each
     * publishes the same complete file by an atomic rename), so their part files are apart.
     */
    private String partName() {
        return "quality." + cluster.node().replaceAll("[^A-Za-z0-9._-]", "_") + ".part";
    }

    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private ExecutorService worker;

    /** Where a timeline stands: done of total segments, each channel's running score sum. */
    static final class Run {
        final long total;
        final double[] scoreSums;
        volatile long done;
        volatile String error;
        volatile boolean stopped;

        Run(long total, int channels) {
            this.total = total;
            this.scoreSums = new double[channels];
        }
    }

    /** The summary written when a timeline is complete. */
    record Summary(long segments, double[] scoreSums) {
    }

    public enum ScreenStatus {
        running, completed, failed
    }

    /** A timeline answer; {@code segments_done} of {@code segments_total} are screened so far. */
    public record QualityTimeline(String jobId, ScreenStatus status, String error, String signalType, double samplingFreq, double segmentSeconds,
                           double stepSeconds, long segmentsTotal, long segmentsDone, int segmentsPerBin, List<ChannelQuality> channels) {
    }

    /** One channel: the mean score of its screened segments, its level, and the segments (or bins) in the asked range. */
    public record ChannelQuality(int channel, String level, double score, List<QualityReport.Segment> segments) {
    }

    @PostConstruct
    void init() {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "quality-timeline");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
    }

    void onStop(@Observes ShutdownEvent e) {
        runs.values().forEach(r -> r.stopped = true);
        worker.shutdownNow();
    }

    /**
     * The timeline of job {@code id} in [from, to) seconds (null: all), for one channel or all,
     * at most maxSegments per channel; starts the pass when none has run.
     */
    public QualityTimeline timeline(String id, Integer channel, Double from, Double to, int maxSegments) {
        JobRecord job = jobs.status(id);
        if (job.state() != JobState.COMPLETED) {
            throw new StateConflictException("job " + id + " is " + job.state().wire() + "; quality is screened on a completed job");
        }
        int channels = job.channels();
        if (channel != null && (channel < 0 || channel >= channels)) {
            throw new InvalidParameterException("channel", "channel must be between 0 and " + (channels - 1) + ", got " + channel);
        }
        if (maxSegments < 1 || maxSegments > MAX_SEGMENTS) {
            throw new InvalidParameterException("max_segments", "max_segments must be between 1 and " + MAX_SEGMENTS + ", got " + maxSegments);
        }
        int shown = channel == null ? channels : 1;
        if ((long) shown * maxSegments > MAX_CELLS) {
            throw new InvalidParameterException("max_segments", "an answer for " + shown + " channels holds at most " + MAX_CELLS / shown
                    + " segments per channel; ask for one channel or fewer segments");
        }
        double fs = job.samplingFreq();
        double start = from == null ? 0 : from;
        double end = to == null ? Double.POSITIVE_INFINITY : to;
        if (!(start >= 0) || !(end > start)) {
            throw new InvalidParameterException("from", "the range [" + from + ", " + to + ") s is empty or negative");
        }
        Path folder = store.folder(id);
        Path summaryFile = folder.resolve("quality-summary.json");
        ScreenStatus status;
        long done;
        long total;
        double[] sums;
        String error = null;
        if (Files.exists(summaryFile)) {
            Summary s = readSummary(summaryFile);
            status = ScreenStatus.completed;
            total = done = s.segments();
            sums = s.scoreSums();
        } else {
            Run run = runs.computeIfAbsent(id, k -> Files.exists(summaryFile) ? null : start(k, job));
            if (run == null) { // completed between the two looks
                return timeline(id, channel, from, to, maxSegments);
            }
            total = run.total;
            done = run.done;
            sums = run.scoreSums.clone();
            if (run.error != null) {
                status = ScreenStatus.failed;
                error = run.error;
                runs.remove(id, run); // the next request tries again
            } else {
                status = ScreenStatus.running;
            }
        }
        int seg = QualityAssessment.segmentSamples(fs);
        int step = QualityAssessment.stepSamples(fs);
        long first = Math.max(0, (long) Math.floor((start * fs - seg) / step) + 1);
        long last = Math.min(done, end == Double.POSITIVE_INFINITY ? done : (long) Math.ceil(end * fs / step));
        long count = Math.max(0, last - first);
        int perBin = (int) Math.max(1, (count + maxSegments - 1) / maxSegments);
        List<ChannelQuality> out = new ArrayList<>();
        List<List<QualityReport.Segment>> lists = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            lists.add(channel == null || channel == c ? new ArrayList<>() : null);
        }
        if (count > 0) {
            readBinned(folder, status == ScreenStatus.completed, first, count, channels, perBin, lists);
        }
        for (int c = 0; c < channels; c++) {
            if (lists.get(c) != null) {
                double score = done == 0 ? 0 : sums[c] / done;
                out.add(new ChannelQuality(c, done == 0 ? null : QualityAssessment.level(score), score, lists.get(c)));
            }
        }
        return new QualityTimeline(id, status, error, job.spec().signalType(), fs, QualityAssessment.SEGMENT_SECONDS, QualityAssessment.STEP_SECONDS,
                total, done, perBin, out);
    }

    private Run start(String id, JobRecord job) {
        long total = QualityAssessment.segments(job.samples(), job.samplingFreq()).size();
        Run run = new Run(total, job.channels());
        worker.submit(() -> {
            try {
                screen(id, job, run);
            } catch (Throwable t) {
                if (!run.stopped) {
                    LOG.warnf(t, "quality timeline of job %s failed", id);
                }
                run.error = "the quality screen failed: " + t.getMessage();
            }
        });
        return run;
    }

    /** The pass: one window of a segment per channel, slid by the step; records appended per segment. */
    private void screen(String id, JobRecord job, Run run) throws IOException {
        JobSpec spec = job.spec();
        Path folder = store.folder(id);
        Path part = folder.resolve(partName());
        double fs = job.samplingFreq();
        QualityScreen.Type type = QualityScreen.Type.of(spec.signalType());
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            PreviewService.withSource(jobs.input(id), JobService.format(spec), JobService.rawLayout(spec), spec.channels(), jobs.scratchFor(id),
                    s -> {
                        try {
                            slide(s, fs, type, run, out);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        return null;
                    });
        }
        if (run.stopped) {
            Files.deleteIfExists(part);
            return;
        }
        Files.move(part, folder.resolve("quality.bin"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path tmp = folder.resolve(partName() + ".summary");
        JSON.writeValue(tmp.toFile(), new Summary(run.done, run.scoreSums));
        Files.move(tmp, folder.resolve("quality-summary.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        runs.remove(id, run);
    }

    private static void slide(SignalSource s, double fs, QualityScreen.Type type, Run run, FileChannel out) throws IOException {
        int ch = s.channels();
        long n = s.frames();
        List<long[]> segments = QualityAssessment.segments(n, fs);
        int seg = (int) Math.min(n, QualityAssessment.segmentSamples(fs));
        double[][] window = new double[ch][Math.max(1, seg)];
        int scan = (int) Math.max(1, Math.min(1 << 14, PreviewService.SCAN_BYTES / (8L * ch)));
        double[] buf = new double[scan * ch];
        ByteBuffer records = ByteBuffer.allocate(ch * QualityTimelineFile.RECORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long windowStart = 0;
        int filled = 0;
        for (long[] bounds : segments) {
            if (run.stopped) {
                return;
            }
            int drop = (int) Math.min(filled, bounds[0] - windowStart);
            if (drop > 0) {
                for (double[] w : window) {
                    System.arraycopy(w, drop, w, 0, filled - drop);
                }
                filled -= drop;
            }
            windowStart = bounds[0];
            int length = (int) (bounds[1] - bounds[0]);
            while (filled < length) {
                int count = Math.min(scan, length - filled);
                s.read(windowStart + filled, count, buf, 0, ch);
                for (int i = 0; i < count; i++) {
                    for (int c = 0; c < ch; c++) {
                        window[c][filled + i] = buf[i * ch + c];
                    }
                }
                filled += count;
            }
            records.clear();
            for (int c = 0; c < ch; c++) {
                QualityReport.Segment r = QualityScreen.segment(window[c], 0, length, fs, type, windowStart / fs);
                run.scoreSums[c] += r.score();
                QualityTimelineFile.put(records, r);
            }
            records.flip();
            while (records.hasRemaining()) {
                out.write(records);
            }
            run.done++;
        }
    }

    /** Reads segments [first, first + count) and keeps, per bin of perBin segments, each channel's worst (spanning the bin). */
    private void readBinned(Path folder, boolean complete, long first, long count, int channels, int perBin,
                            List<List<QualityReport.Segment>> lists) {
        Path file = folder.resolve(complete ? "quality.bin" : partName());
        try {
            readBinned(file, first, count, channels, perBin, lists);
        } catch (NoSuchFileException e) { // published between the two looks
            try {
                readBinned(folder.resolve("quality.bin"), first, count, channels, perBin, lists);
            } catch (IOException again) {
                throw new UncheckedIOException(again);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readBinned(Path file, long first, long count, int channels, int perBin, List<List<QualityReport.Segment>> lists)
            throws IOException {
        QualityReport.Segment[] worst = new QualityReport.Segment[channels];
        double[] binStart = new double[channels];
        int batch = Math.max(1, 4096 / channels);
        for (long k0 = 0; k0 < count; k0 += batch) {
            int segs = (int) Math.min(batch, count - k0);
            QualityReport.Segment[] recs = QualityTimelineFile.read(file, (first + k0) * channels, segs * channels);
            for (int j = 0; j < segs; j++) {
                long k = k0 + j;
                boolean binEnds = (k + 1) % perBin == 0 || k + 1 == count;
                for (int c = 0; c < channels; c++) {
                    if (lists.get(c) == null) {
                        continue;
                    }
                    QualityReport.Segment r = recs[j * channels + c];
                    if (k % perBin == 0) {
                        binStart[c] = r.start();
                        worst[c] = r;
                    } else if (r.score() < worst[c].score()) {
                        worst[c] = r;
                    }
                    if (binEnds) {
                        lists.get(c).add(perBin == 1 ? worst[c] : spanning(worst[c], binStart[c], r.end()));
                    }
                }
            }
        }
    }

    private static QualityReport.Segment spanning(QualityReport.Segment s, double start, double end) {
        return new QualityReport.Segment(start, end, s.score(), s.level(), s.snrDb(), s.flatRatio(), s.clipRatio(), s.presencePass(),
                s.outlierRatio(), s.jumpRatio(), s.statisticalPass(), s.sqi(), s.nonFiniteRatio(), s.pSqi(), s.kSqi(), s.basSqi(),
                s.zhao2018(), s.zhao2018V(), s.averageQrs(), s.heartRateBpm(), s.skewness(), s.templateMatch(), s.lineNoise(),
                s.bandPower());
    }

    private static Summary readSummary(Path file) {
        try {
            return JSON.readValue(file.toFile(), Summary.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
