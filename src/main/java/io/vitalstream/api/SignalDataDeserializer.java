package io.vitalstream.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import io.vitalstream.error.InvalidParameterException;
import io.vitalstream.error.TooLargeException;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Streams {@code signal_data} straight into primitive arrays: numbers only (no strings, no
 * nulls, finite), equal-length channels, and stops reading as soon as the sample count
 * passes {@code vitalstream.sync-max-samples}.
 */
public class SignalDataDeserializer extends JsonDeserializer<SignalData> {

    private static final String FIELD = "signal_data";

    @Override
    public SignalData deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        long limit = ConfigProvider.getConfig().getOptionalValue("vitalstream.sync-max-samples", Long.class).orElse(1_000_000L);
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new InvalidParameterException(FIELD, "signal_data must be an array of numbers or an array of channel arrays");
        }
        JsonToken first = p.nextToken();
        if (first == JsonToken.END_ARRAY) {
            throw new InvalidParameterException(FIELD, "signal_data is empty: send at least one sample");
        }
        long[] count = {0};
        if (first == JsonToken.START_ARRAY) {
            List<double[]> channels = new ArrayList<>();
            while (p.currentToken() == JsonToken.START_ARRAY) {
                channels.add(readChannel(p, channels.size(), count, limit));
                p.nextToken();
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
                throw new InvalidParameterException(FIELD, "signal_data mixes numbers and channel arrays; send [..] or [[..], [..]]");
            }
            int n = channels.get(0).length;
            for (int c = 1; c < channels.size(); c++) {
                if (channels.get(c).length != n) {
                    throw new InvalidParameterException(FIELD, "all channels must have the same length: channel 0 has " + n
                            + " samples, channel " + c + " has " + channels.get(c).length);
                }
            }
            return new SignalData(channels.toArray(double[][]::new), true);
        }
        return new SignalData(new double[][] {readValues(p, -1, count, limit)}, false);
    }

    /** At START_ARRAY of one channel; returns at its END_ARRAY. */
    private static double[] readChannel(JsonParser p, int channel, long[] count, long limit) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
            throw new InvalidParameterException(FIELD, "channel " + channel + " of signal_data is empty");
        }
        return readValues(p, channel, count, limit);
    }

    /** At the first value; returns at the closing END_ARRAY. */
    private static double[] readValues(JsonParser p, int channel, long[] count, long limit) throws IOException {
        double[] values = new double[1024];
        int n = 0;
        for (JsonToken t = p.currentToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            String where = channel < 0 ? "signal_data[" + n + "]" : "signal_data[" + channel + "][" + n + "]";
            if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                throw new InvalidParameterException(FIELD, where + " is " + describe(t, p) + "; every sample must be a finite number");
            }
            double v = p.getDoubleValue();
            if (!Double.isFinite(v)) {
                throw new InvalidParameterException(FIELD, where + " is not finite (" + p.getText() + "); every sample must be a finite number");
            }
            if (++count[0] > limit) {
                throw new TooLargeException("signal_data has more than vitalstream.sync-max-samples = " + limit
                        + " samples; upload the recording (POST /api/uploads) and submit a job (POST /api/filtering/jobs)");
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = v;
        }
        return Arrays.copyOf(values, n);
    }

    private static String describe(JsonToken t, JsonParser p) throws IOException {
        return switch (t) {
            case VALUE_STRING -> "the string \"" + p.getText() + "\"";
            case VALUE_NULL -> "null";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case START_ARRAY -> "a nested array (mixing numbers and channel arrays)";
            case START_OBJECT -> "an object";
            default -> String.valueOf(t);
        };
    }
}
