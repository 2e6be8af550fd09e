package io.vitalstream.kernels;

/**
 * Whether this code runs as a native executable. Initialised while the image is built (see
 * META-INF/native-image/io.vitalstream/vitalstream/native-image.properties), when the builder
 * sets {@code org.graalvm.nativeimage.imagecode}, so in an image the flag is a constant and
 * the branches it closes are never compiled; on the JVM the property is absent.
 */
public final class ImageBuild {

    public static final boolean NATIVE = System.getProperty("org.graalvm.nativeimage.imagecode") != null;

    private ImageBuild() {
    }
}
