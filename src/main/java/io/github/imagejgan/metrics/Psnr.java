package io.github.imagejgan.metrics;

/** Peak signal-to-noise ratio in decibels. */
public final class Psnr {

    private Psnr() {
    }

    /**
     * PSNR of {@code test} against {@code reference}, with {@code dataRange} the span of possible values (e.g. 255
     * for 8-bit, or max - min of the reference).
     */
    public static double of(float[] reference, float[] test, double dataRange) {
        if (reference.length != test.length || reference.length == 0) {
            throw new IllegalArgumentException("Images must be the same non-empty size: " + reference.length
                    + " vs " + test.length + " pixels");
        }
        double sum = 0;
        for (int i = 0; i < reference.length; i++) {
            double d = reference[i] - test[i];
            sum += d * d;
        }
        double mse = sum / reference.length;
        return 10 * Math.log10(dataRange * dataRange / mse);
    }
}
