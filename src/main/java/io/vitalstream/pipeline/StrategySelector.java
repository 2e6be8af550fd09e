package io.vitalstream.pipeline;

/**
 * Picks a strategy from the input's size, its channel count and the memory budget, with the
 * seed's thresholds: under 100 MB standard, 100 MB to 2 GB chunked, above memory-mapped;
 * progressive when asked for. A request may override; standard is refused when the decoded
 * signal would not fit the budget.
 */
public final class StrategySelector {

    private StrategySelector() {
    }

    /** Decoded in-memory size: float64 per sample, about three copies (input, output, scratch). */
    static long standardFootprint(long frames, int channels) {
        return frames * channels * 8L * 3;
    }

    public static StrategyChoice select(long inputBytes, long frames, int channels, PipelineSettings s, Strategy requested) {
        long footprint = standardFootprint(frames, channels);
        boolean fits = footprint <= s.perJobBudget();
        if (requested != null) {
            if (requested == Strategy.STANDARD && !fits) {
                return new StrategyChoice(Strategy.CHUNKED, "standard was requested but the decoded signal (" + mb(footprint)
                        + ") exceeds a job's share of the memory budget (" + mb(s.perJobBudget()) + "); chunked instead");
            }
            return new StrategyChoice(requested, "requested");
        }
        if (inputBytes < s.standardMaxBytes() && fits) {
            return new StrategyChoice(Strategy.STANDARD, mb(inputBytes) + " input under " + mb(s.standardMaxBytes())
                    + " and fits the memory budget: filtered in memory");
        }
        if (inputBytes < s.standardMaxBytes()) {
            return new StrategyChoice(Strategy.CHUNKED, mb(inputBytes) + " input, but " + channels + " channel(s) decoded need "
                    + mb(footprint) + ", over a job's " + mb(s.perJobBudget()) + " share of the memory budget: chunked");
        }
        if (inputBytes < s.chunkedMaxBytes()) {
            return new StrategyChoice(Strategy.CHUNKED, mb(inputBytes) + " input between " + mb(s.standardMaxBytes()) + " and "
                    + mb(s.chunkedMaxBytes()) + ": chunked");
        }
        return new StrategyChoice(Strategy.MEMORY_MAPPED, mb(inputBytes) + " input above " + mb(s.chunkedMaxBytes()) + ": memory-mapped");
    }

    static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
