package io.vitalstream.dsp;

/** One stage of a filter chain: a filter applied {@code iterations} times (1 to 10, default 1). */
public record ChainStage(FilterParameters filterParams, Integer iterations) {
}
