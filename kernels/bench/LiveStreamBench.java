import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.vitalstream.dsp.FilterDesigner;
import io.vitalstream.dsp.FilterParameters;
import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.live.LiveFilter;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Issue 14's live-stream figure: N concurrent 8-channel streams at 500 Hz (default 200), each
 * sending a block of 50 frames (0.1 s, binary float32) every 100 ms for the given seconds to a
 * running service, with a causal Butterworth band-pass (order 4). Prints one JSON line: the
 * per-block round-trip latency p50/p99, the service's CPU time per stream-second (from
 * /proc/<pid>/stat), the streams one core sustains in real time from it, and the same filter
 * run offline in this process (after 5 s of warm-up, not measured) (LiveFilter on the same blocks, no network): its CPU per
 * stream-second and streams per core.
 *
 *   java -cp target/classes:target/quarkus-app/lib/main/* kernels/bench/LiveStreamBench.java <port> <server pid> [streams] [seconds]
 */
public class LiveStreamBench {

    static final int CHANNELS = 8;
    static final double FS = 500;
    static final int BLOCK = 50;
    static final Map<String, Object> FILTER = Map.of("filter_type", "bandpass", "filter_family", "butter", "low_freq", 0.5, "high_freq", 40.0,
            "filter_order", 4, "zero_phase", false);

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long pid = Long.parseLong(args[1]);
        int streams = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        ByteBuffer block = block();
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        String config = json.writeValueAsString(Map.of("sampling_freq", FS, "channels", CHANNELS, "format", "f32le", "filter_params", FILTER));
        List<Client> clients = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            Client c = new Client();
            c.ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://localhost:" + port + "/ws/filter-stream"), c).get(20, TimeUnit.SECONDS);
            c.ws.sendText(config, true).get(20, TimeUnit.SECONDS);
            c.ready.get(20, TimeUnit.SECONDS);
            clients.add(c);
        }
        int warm = 5; // seconds of warm-up (the JIT), not measured
        int blocks = (warm + seconds) * 10;
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        CountDownLatch done = new CountDownLatch(streams);
        long start = System.nanoTime();
        measureFrom = start + warm * 1_000_000_000L;
        for (int s = 0; s < streams; s++) {
            Client c = clients.get(s);
            c.remaining = blocks;
            c.done = done;
            long offset = s * 100_000_000L / streams; // streams spread over the 100 ms period, as independent devices are
            timer.scheduleAtFixedRate(() -> c.send(block), offset, 100_000_000L, TimeUnit.NANOSECONDS);
        }
        Thread.sleep(warm * 1000L);
        double cpu0 = cpuSeconds(pid);
        long t0 = System.nanoTime();
        boolean finished = done.await(seconds + 60L, TimeUnit.SECONDS);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = cpuSeconds(pid) - cpu0;
        timer.shutdownNow();
        List<Double> rtt = new ArrayList<>();
        for (Client c : clients) {
            rtt.addAll(c.rtt);
            c.ws.abort();
        }
        double[] r = rtt.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double streamSeconds = streams * (double) seconds;
        double serverCpuPerStreamSecond = cpu / streamSeconds;
        double offline = offlineCpuPerStreamSecond();
        System.out.printf(java.util.Locale.ROOT,
                "{\"streams\":%d,\"seconds\":%d,\"completed\":%s,\"wall_seconds\":%.1f,\"blocks\":%d,\"rtt_p50_ms\":%.3f,\"rtt_p99_ms\":%.3f,"
                        + "\"server_cpu_seconds\":%.2f,\"server_cpu_per_stream_second\":%.6f,\"streams_per_core\":%.0f,"
                        + "\"offline_cpu_per_stream_second\":%.7f,\"offline_streams_per_core\":%.0f}%n",
                streams, seconds, finished, wall, r.length, pct(r, 0.5), pct(r, 0.99), cpu, serverCpuPerStreamSecond,
                1 / serverCpuPerStreamSecond, offline, 1 / offline);
        System.exit(0);
    }

    static double pct(double[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    /** 0.1 s of an ECG-like 8-channel signal as little-endian float32 frames. */
    static ByteBuffer block() {
        ByteBuffer b = ByteBuffer.allocate(4 * CHANNELS * BLOCK).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < BLOCK; i++) {
            for (int c = 0; c < CHANNELS; c++) {
                b.putFloat((float) (Math.sin(2 * Math.PI * 1.2 * i / FS + c) + 0.1 * Math.sin(2 * Math.PI * 50 * i / FS)));
            }
        }
        return b.flip();
    }

    /** The same filter in this process: LiveFilter over 100 000 blocks of 50 frames, CPU seconds per stream-second. */
    static double offlineCpuPerStreamSecond() {
        FilterSpec spec = FilterDesigner.design(new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .convertValue(FILTER, FilterParameters.class), FS);
        LiveFilter f = LiveFilter.of(List.of(spec), CHANNELS);
        ByteBuffer bytes = block();
        double[] x = new double[BLOCK * CHANNELS];
        for (int k = 0; k < x.length; k++) {
            x[k] = bytes.getFloat(4 * k);
        }
        double[] work = new double[x.length];
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int w = 0; w < 20_000; w++) { // warm-up
            System.arraycopy(x, 0, work, 0, x.length);
            f.process(work, BLOCK);
        }
        int n = 100_000;
        long c0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, 0, work, 0, x.length);
            f.process(work, BLOCK);
        }
        double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        return cpu / (n / 10.0); // 10 blocks per stream-second
    }

    static double cpuSeconds(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime + stime, clock ticks
    }

    static volatile long measureFrom;

    static final class Client implements WebSocket.Listener {
        WebSocket ws;
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final ConcurrentLinkedQueue<Long> sentAt = new ConcurrentLinkedQueue<>();
        final List<Double> rtt = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile int remaining;
        volatile int answered;
        int expected;
        CountDownLatch done;
        private boolean counted;

        synchronized void send(ByteBuffer block) {
            if (remaining <= 0) {
                return;
            }
            remaining--;
            expected++;
            sentAt.add(System.nanoTime());
            ws.sendBinary(block.duplicate(), true);
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (data.toString().contains("stream_ready")) {
                ready.complete(null);
            } else {
                ready.completeExceptionally(new IllegalStateException(data.toString()));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            if (last) {
                Long t = sentAt.poll();
                if (t != null && t >= measureFrom) {
                    rtt.add((System.nanoTime() - t) / 1e6);
                }
                synchronized (this) {
                    answered++;
                    if (remaining == 0 && answered == expected && !counted) {
                        counted = true;
                        done.countDown();
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
