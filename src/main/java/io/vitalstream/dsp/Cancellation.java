package io.vitalstream.dsp;

import java.util.function.BooleanSupplier;

/**
 * Lets the long loops of whole-signal methods (epochs, iterations, ensemble rounds) notice
 * that their job was cancelled: the caller installs a check for the current thread, the
 * methods call {@link #check()} once per epoch or iteration and stop with {@link Cancelled}.
 */
public final class Cancellation {

    /** Thrown inside a method whose run was cancelled. */
    public static final class Cancelled extends RuntimeException {
        public Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    private static final ThreadLocal<BooleanSupplier> CHECK = new ThreadLocal<>();

    private Cancellation() {
    }

    /** Runs {@code body} with {@code cancelled} as this thread's check. */
    public static <T> T with(BooleanSupplier cancelled, java.util.function.Supplier<T> body) {
        BooleanSupplier before = CHECK.get();
        CHECK.set(cancelled);
        try {
            return body.get();
        } finally {
            if (before == null) {
                CHECK.remove();
            } else {
                CHECK.set(before);
            }
        }
    }

    /** Throws {@link Cancelled} when this thread's run was cancelled. */
    public static void check() {
        BooleanSupplier c = CHECK.get();
        if (c != null && c.getAsBoolean()) {
            throw new Cancelled();
        }
    }
}
