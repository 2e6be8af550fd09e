package io.vitalstream.pipeline;

/** The strategy a job runs with and why (reported to the client). */
public record StrategyChoice(Strategy strategy, String reason) {
}
