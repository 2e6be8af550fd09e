package io.vitalstream.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Whether this code runs as a native executable. Initialised while the image is built (see
 * META-INF/native-image/io.vitalstream/vitalstream/native-image.properties), when the builder
 * sets {@code org.graalvm.nativeimage.imagecode}, so in an image the flag is a constant and
 * the branches it closes are never compiled; on the JVM the property is absent.
 */
public final class ImageBuild {

    public static final boolean NATIVE = System.getProperty("org.graalvm.nativeimage.imagecode") != null;

    /**
     * The double vectors every kernel uses: the CPU's widest on the JVM; 256 bits in an image,
     * which the builder compiles for x86-64-v3 (AVX2) by default, so 512-bit operations have
     * no instructions there: on an AVX-512 machine the image ran its kernels with the preferred
     * 512-bit species at 4-7 M channel-samples/s, and at 93-109 M/s with 256 bits. No result
     * depends on the width: each lane of the IIR and median kernels computes what the scalar
     * reference does, and {@link Dense}'s dot products keep eight partial sums at any width.
     */
    public static final VectorSpecies<Double> DOUBLES = NATIVE ? DoubleVector.SPECIES_256 : DoubleVector.SPECIES_PREFERRED;

    private ImageBuild() {
    }
}
