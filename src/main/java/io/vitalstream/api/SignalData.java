package io.vitalstream.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code signal_data}: one channel ({@code [..]}) or several, channel-major
 * ({@code [[ch0..], [ch1..]]}). {@code multiChannel} remembers the shape so the response
 * mirrors it.
 */
@JsonDeserialize(using = SignalDataDeserializer.class)
@Schema(name = "SignalData", type = SchemaType.ARRAY,
        description = "one channel [x0, x1, ...] or several, channel-major [[ch0...], [ch1...]] (numbers)")
public record SignalData(double[][] channels, boolean multiChannel) {

    public int samples() {
        return channels.length == 0 ? 0 : channels[0].length;
    }

    /** Written back in the shape it was read (the benchmark's echo endpoint writes requests back). */
    @com.fasterxml.jackson.annotation.JsonValue
    public Object json() {
        return reshape(channels);
    }

    /** The filtered channels in the request's shape. */
    public Object reshape(double[][] filtered) {
        return multiChannel ? filtered : filtered[0];
    }
}
