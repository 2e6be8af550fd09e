package io.vitalstream.kernels.fft;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Idle FFTW plans kept by size, so that a request reuses a plan instead of planning (and
 * taking the planner's lock) again: {@link #take} hands out an idle plan or makes one,
 * closing the handle gives it back. At most {@value #IDLE_PER_SIZE} idle plans per size
 * and {@value #SIZES} sizes are kept; the rest are destroyed.
 */
final class PlanPool {

    static final int IDLE_PER_SIZE = 4;
    static final int SIZES = 16;

    private static final Map<Integer, Deque<FftwPlan>> IDLE = new HashMap<>();

    private PlanPool() {
    }

    static RealFft take(int n) {
        FftwPlan plan;
        synchronized (IDLE) {
            Deque<FftwPlan> idle = IDLE.get(n);
            plan = idle == null ? null : idle.pollFirst();
        }
        return new Lease(plan != null ? plan : new FftwPlan(n));
    }

    private static void giveBack(FftwPlan plan) {
        synchronized (IDLE) {
            Deque<FftwPlan> idle = IDLE.get(plan.size());
            if (idle == null && IDLE.size() < SIZES) {
                idle = new ArrayDeque<>();
                IDLE.put(plan.size(), idle);
            }
            if (idle != null && idle.size() < IDLE_PER_SIZE) {
                idle.addFirst(plan);
                return;
            }
        }
        plan.close();
    }

    /** A plan in use; closing returns it to the pool (once). */
    private static final class Lease implements RealFft {
        private FftwPlan plan;

        Lease(FftwPlan plan) {
            this.plan = plan;
        }

        @Override
        public int size() {
            return plan.size();
        }

        @Override
        public void forward(double[] in, double[] out) {
            plan.forward(in, out);
        }

        @Override
        public void inverse(double[] in, double[] out) {
            plan.inverse(in, out);
        }

        @Override
        public void close() {
            if (plan != null) {
                giveBack(plan);
                plan = null;
            }
        }
    }
}
