package io.vitalstream.io;

import io.vitalstream.error.MalformedInputException;
import io.vitalstream.error.UnsupportedFormatException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NumPy .npy header (format versions 1.0, 2.0, 3.0): magic "\x93NUMPY", version, a
 * little-endian header length (2 bytes in v1, 4 in v2/v3), then a Python dict literal with
 * 'descr', 'fortran_order' and 'shape', padded so the data starts 64-byte aligned.
 */
public record NpyHeader(int major, SampleType type, ByteOrder order, boolean fortranOrder, long frames, int channels,
                        boolean oneDimensional, long dataOffset) {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    public static boolean hasMagic(byte[] start) {
        if (start.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (start[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Parses the header from the first bytes of a file (at least 12, up to the header's end). */
    public static NpyHeader parse(byte[] head, long fileSize, String name) {
        if (!hasMagic(head)) {
            throw new MalformedInputException(name + " is not a NumPy .npy file (missing the \\x93NUMPY magic)");
        }
        if (head.length < 10) {
            throw new MalformedInputException(name + " is truncated inside the .npy header");
        }
        int major = head[6] & 0xff;
        int prefix;
        long headerLength;
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        switch (major) {
            case 1 -> {
                prefix = 10;
                headerLength = b.getShort(8) & 0xffff;
            }
            case 2, 3 -> {
                if (head.length < 12) {
                    throw new MalformedInputException(name + " is truncated inside the .npy header");
                }
                prefix = 12;
                headerLength = b.getInt(8) & 0xffffffffL;
            }
            default -> throw new UnsupportedFormatException(name + " uses .npy format version " + major + "; versions 1, 2 and 3 are supported");
        }
        long dataOffset = prefix + headerLength;
        if (dataOffset > head.length || dataOffset > fileSize) {
            throw new MalformedInputException(name + " is truncated inside the .npy header (it declares " + headerLength + " header bytes)");
        }
        String dict = new String(head, prefix, (int) headerLength, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(dict);
        Matcher f = FORTRAN.matcher(dict);
        Matcher s = SHAPE.matcher(dict);
        if (!d.find() || !f.find() || !s.find()) {
            throw new MalformedInputException(name + " has a malformed .npy header: " + dict.trim());
        }
        String descr = d.group(1);
        ByteOrder order = descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        SampleType type = switch (descr.replaceFirst("^[<>|=]", "")) {
            case "f4" -> SampleType.FLOAT32;
            case "f8" -> SampleType.FLOAT64;
            case "i2" -> SampleType.INT16;
            case "i4" -> SampleType.INT32;
            default -> throw new UnsupportedFormatException(name + " holds dtype '" + descr + "'; float32, float64, int16 and int32 are supported");
        };
        String[] dims = s.group(1).split(",");
        long[] shape = java.util.Arrays.stream(dims).map(String::trim).filter(x -> !x.isEmpty()).mapToLong(x -> {
            try {
                return Long.parseLong(x.replace("L", ""));
            } catch (NumberFormatException e) {
                throw new MalformedInputException(name + " has a malformed shape in its .npy header: (" + s.group(1) + ")");
            }
        }).toArray();
        if (shape.length == 0 || shape.length > 2) {
            throw new UnsupportedFormatException(name + " has shape (" + s.group(1).trim() + "); use (samples,) or (samples, channels)");
        }
        long frames = shape[0];
        long channels = shape.length == 2 ? shape[1] : 1;
        if (frames < 1 || channels < 1) {
            throw new MalformedInputException(name + " holds no samples (shape (" + s.group(1).trim() + "))");
        }
        if (channels > 4096) {
            throw new UnsupportedFormatException(name + " has " + channels + " channels; at most 4096 are supported (is it (channels, samples)? save it transposed)");
        }
        long dataBytes;
        try {
            dataBytes = Math.multiplyExact(Math.multiplyExact(frames, channels), (long) type.bytes());
        } catch (ArithmeticException e) {
            throw new MalformedInputException(name + " declares shape (" + s.group(1).trim() + "), more bytes than a file can hold");
        }
        if (dataBytes > fileSize - dataOffset) {
            throw new MalformedInputException(name + " is truncated: its header promises " + dataBytes + " bytes of samples (shape ("
                    + s.group(1).trim() + ")) but " + Math.max(0, fileSize - dataOffset) + " follow the header");
        }
        return new NpyHeader(major, type, order, Boolean.parseBoolean(f.group(1).toLowerCase()), frames, (int) channels,
                shape.length == 1, dataOffset);
    }

    /** A version 1.0 header (2.0 when the dict does not fit in 65535 bytes) for (frames,) or (frames, channels), C order. */
    public static byte[] write(SampleType type, long frames, int channels, boolean oneDimensional) {
        String shape = oneDimensional ? "(" + frames + ",)" : "(" + frames + ", " + channels + ")";
        String dict = "{'descr': '<" + type.numpyCode() + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int prefix = 10;
        int total = prefix + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        StringBuilder sb = new StringBuilder(dict);
        while (prefix + sb.length() + 1 < padded) {
            sb.append(' ');
        }
        sb.append('\n');
        byte[] text = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(prefix + text.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return out.array();
    }
}
