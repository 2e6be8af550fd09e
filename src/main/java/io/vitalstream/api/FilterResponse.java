package io.vitalstream.api;

import io.vitalstream.dsp.quality.QualityReport;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * Response of POST /api/filtering/filter; {@code filtered_signal} has the request's shape.
 * With quality_assessment, {@code quality} is channel 0's report and {@code channel_quality}
 * every channel's (multi-channel requests only).
 */
public record FilterResponse(
        String requestId,
        boolean success,
        String strategy,
        @Schema(type = SchemaType.ARRAY, description = "the filtered channels, in the shape of signal_data")
        Object filteredSignal,
        double samplingFreq,
        double processingTimeMs,
        QualityReport quality,
        List<QualityReport> channelQuality) {
}
