package io.vitalstream.io;

import java.nio.ByteOrder;

/** How a raw interleaved binary file is laid out (the request's raw_layout). */
public record RawLayout(SampleType type, int channels, ByteOrder order) {
}
