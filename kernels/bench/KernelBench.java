import io.vitalstream.dsp.ChannelArrays;
import io.vitalstream.dsp.FilterSpec;
import io.vitalstream.dsp.Filtering;
import io.vitalstream.dsp.Parallelism;
import io.vitalstream.dsp.SosFilter;
import io.vitalstream.dsp.TimeParallelIir;
import io.vitalstream.dsp.ZeroPhase;
import io.vitalstream.dsp.design.FirDesign;
import io.vitalstream.dsp.design.IirDesign;
import io.vitalstream.dsp.design.IirFamily;
import io.vitalstream.dsp.design.Response;
import io.vitalstream.dsp.design.Sos;
import io.vitalstream.dsp.design.Window;
import io.vitalstream.io.Access;
import io.vitalstream.io.BinaryWriter;
import io.vitalstream.io.SampleType;
import io.vitalstream.io.SignalFiles;
import io.vitalstream.io.SignalSource;
import io.vitalstream.kernels.SosKernel;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Our side of kernels/bench.sh: the same inputs as scipy_bench.py (read from its .npy files),
 * the same filters, median of 5 timed runs after a 3-second warm-up; prints one JSON object of
 * samples/s and writes each output for scipy_bench.py to check.
 *
 *   java -cp ... KernelBench.java <dir>              every case, one JSON line
 *   java -cp ... KernelBench.java <dir> <case>       one case over and over for 8 s (to profile it)
 */
public class KernelBench {

    static final double FS = 1000;

    static String only;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        only = args.length > 1 ? args[1] : null;
        double[] one = read(dir.resolve("in-one.npy"))[0];
        double[][] multi = read(dir.resolve("in-multi.npy"));
        Sos sos = IirDesign.design(IirFamily.BUTTER, Response.BANDPASS, 4, new double[] {0.5, 40}, FS, 1, 40);
        double[] taps = FirDesign.firwin(1001, new double[] {0.5, 40}, Response.BANDPASS, Window.parse("hamming", null), FS);
        double[] one1m = java.util.Arrays.copyOf(one, 1_000_000);
        double[] one200k = java.util.Arrays.copyOf(one, 200_000);
        Map<String, Object> out = new LinkedHashMap<>();
        SosKernel.setThreads(1);
        time(out, "sosfiltfilt_32ch_1thread", multi.length * (long) multi[0].length, () -> ZeroPhase.filter(sos, multi));
        SosKernel.setThreads(2);
        double[][] zp = time(out, "sosfiltfilt_32ch", multi.length * (long) multi[0].length, () -> ZeroPhase.filter(sos, multi));
        // that case's memory floor: its reads and writes without the filtering
        time(out, "memory_floor_32ch", multi.length * (long) multi[0].length, () -> memoryPasses(multi));
        // and its arithmetic without the memory: the three kernel passes over a block in cache
        time(out, "kernel_passes_32ch", multi.length * (long) multi[0].length, () -> kernelPasses(sos, multi.length, multi[0].length));
        // the kernel alone: both passes over channels already interleaved in memory
        for (int ch : new int[] {8, 32}) {
            int frame = SosKernel.frameFor(ch);
            int n = multi[0].length;
            double[] data = new double[n * frame];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < ch; c++) {
                    data[i * frame + c] = multi[c][i];
                }
            }
            double[] flat = sos.flat();
            time(out, "kernel_zero_phase_" + ch + "ch", (long) n * ch, () -> {
                double[] zi = new double[flat.length / 3 * frame];
                SosKernel.run(flat, zi, data, 0, n, frame, ch, false);
                SosKernel.run(flat, zi, data, 0, n, frame, ch, true);
                return data;
            });
        }
        double[][] eight = java.util.Arrays.copyOf(multi, 8);
        time(out, "sosfiltfilt_8ch", eight.length * (long) eight[0].length, () -> ZeroPhase.filter(sos, eight));
        double[] causal = time(out, "sosfilt_1ch", one.length, () -> SosFilter.filter(sos, one));
        double[] zp1 = time(out, "sosfiltfilt_1ch", one.length, () -> ZeroPhase.filter(sos, one));
        // FIR and medians through the engine's entry point (time ranges on both cores)
        FilterSpec firSpec = new FilterSpec.Fir(taps, true);
        double[][] oneCh = {one};
        double[] fir = time(out, "fir1001_f64", one.length, () -> Filtering.apply(firSpec, oneCh)[0]);
        double[][] one1mCh = {one1m};
        double[][] one200kCh = {one200k};
        double[] m5 = time(out, "median5", one1m.length, () -> Filtering.apply(new FilterSpec.Median(5), one1mCh)[0]);
        double[] m101 = time(out, "median101", one200k.length, () -> Filtering.apply(new FilterSpec.Median(101), one200kCh)[0]);
        write(dir.resolve("ours-sosfiltfilt_32ch.npy"), zp);
        write(dir.resolve("ours-sosfilt_1ch.npy"), new double[][] {causal});
        write(dir.resolve("ours-sosfiltfilt_1ch.npy"), new double[][] {zp1});
        write(dir.resolve("ours-fir1001_f64.npy"), new double[][] {fir});
        write(dir.resolve("ours-median5.npy"), new double[][] {m5});
        write(dir.resolve("ours-median101.npy"), new double[][] {m101});
        StringBuilder json = new StringBuilder("{");
        out.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        System.out.println(json.append('}'));
    }

    static <T> T time(Map<String, Object> out, String name, long samples, Supplier<T> run) {
        T result = null;
        if (only != null) {
            if (!only.equals(name)) {
                return null;
            }
            long end = System.nanoTime() + 8_000_000_000L;
            while (System.nanoTime() < end) {
                result = run.get();
            }
            System.exit(0);
        }
        // warm-up until the compiler has settled (the vector kernels reach their final code only
        // after thousands of blocks): at least 3 runs and 3 seconds, as a steady-state service
        long warm = System.nanoTime() + 3_000_000_000L;
        for (int i = 0; i < 3 || System.nanoTime() < warm; i++) {
            result = run.get();
        }
        double[] t = new double[5];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            result = run.get();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        java.util.Arrays.sort(t);
        out.put(name, Math.round(samples / t[2]));
        return result;
    }

    /**
     * The memory traffic of the 32-channel zero-phase case without its arithmetic: output
     * arrays allocated where the engine allocates them (by the worker, at its first write);
     * on each of two threads (16 channels each, as the engine splits them) every block of {@link TimeParallelIir#SEQUENTIAL_BLOCK} frames gathered into lanes going
     * forward, gathered again going backward and scattered out: the block algorithm's passes
     * over memory (the input read twice, the output written once) with the kernels left out.
     */
    static double[][] memoryPasses(double[][] x) {
        int n = x[0].length;
        int half = x.length / 2;
        int block = TimeParallelIir.SEQUENTIAL_BLOCK;
        int blocks = (n + block - 1) / block;
        ChannelArrays in = new ChannelArrays(x);
        ChannelArrays out = ChannelArrays.allocating(x.length, n);
        Parallelism.cores(2).forEach(2, (worker, g) -> {
            double[] data = new double[block * half];
            for (int k = 0; k < blocks; k++) {
                in.readPieces(new long[] {(long) k * block}, 1, Math.min(block, n - k * block), g * half, half, data, half);
            }
            for (int k = blocks - 1; k >= 0; k--) {
                long[] start = {(long) k * block};
                int count = Math.min(block, n - k * block);
                in.readPieces(start, 1, count, g * half, half, data, half);
                out.writePieces(start, 1, count, g * half, half, data, half);
            }
        });
        return out.arrays();
    }

    /**
     * The arithmetic of the 32-channel zero-phase case without its memory traffic: on each of
     * two threads (16 channels each, as the engine splits them) the three kernel passes the
     * block algorithm makes per block (forward for the checkpoints, forward again, backward),
     * over one {@link TimeParallelIir#SEQUENTIAL_BLOCK}-frame block that stays in cache.
     */
    static double[] kernelPasses(Sos sos, int channels, int n) {
        int half = channels / 2;
        int block = TimeParallelIir.SEQUENTIAL_BLOCK;
        int blocks = (n + block - 1) / block;
        double[] flat = sos.flat();
        double[] last = new double[2];
        Parallelism.cores(2).forEach(2, (worker, g) -> {
            double[] data = new java.util.Random(g).doubles(block * half).toArray();
            double[] zi = new double[flat.length / 3 * half];
            double[] checkpoint = new double[zi.length];
            for (int k = 0; k < blocks; k++) {
                SosKernel.run(flat, zi, data, 0, block, half, half, false);
            }
            for (int k = 0; k < blocks; k++) {
                SosKernel.run(flat, checkpoint, data, 0, block, half, half, false);
                SosKernel.run(flat, zi, data, 0, block, half, half, true);
            }
            last[g] = data[0];
        });
        return last;
    }

    static double[][] read(Path p) {
        try (SignalSource s = SignalFiles.open(p, null, null, null, Access.MAPPED, null)) {
            int n = (int) s.frames();
            int ch = s.channels();
            double[] buf = new double[n * ch];
            s.read(0, n, buf, 0, ch);
            double[][] x = new double[ch][n];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < ch; c++) {
                    x[c][i] = buf[i * ch + c];
                }
            }
            return x;
        }
    }

    static void write(Path p, double[][] x) {
        int ch = x.length;
        int n = x[0].length;
        double[] buf = new double[n * ch];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < ch; c++) {
                buf[i * ch + c] = x[c][i];
            }
        }
        try (BinaryWriter w = BinaryWriter.npy(p, SampleType.FLOAT64, ch, n, ch == 1)) {
            w.write(0, n, buf, 0, ch);
        }
    }
}
