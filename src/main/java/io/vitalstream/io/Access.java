package io.vitalstream.io;

/** How a reader reaches the bytes of a fixed-layout file. */
public enum Access {
    /** FileChannel.map of the window each read needs, unmapped when the read ends. */
    MAPPED,
    /** FileChannel positional reads into a heap buffer. */
    POSITIONAL
}
