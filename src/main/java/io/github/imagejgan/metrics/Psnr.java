package io.github.imagejgan.metrics;

import java.util.List;

import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.task.UserException;

/**
 * Peak signal-to-noise ratio in decibels, {@code 10 log10(dataRange^2 / MSE)}, as skimage's
 * {@code peak_signal_noise_ratio}; identical images give positive infinity.
 */
public final class Psnr {

    private Psnr() {
    }

    /**
     * PSNR of {@code test} against {@code reference}, with {@code dataRange} the span of possible values (e.g. 255
     * for 8-bit, or max - min of the reference).
     */
    public static double of(float[] reference, float[] test, double dataRange) {
        AffinePlane.requireSameSize(reference, test);
        return of(AffinePlane.row(reference), AffinePlane.row(test), dataRange);
    }

    /** PSNR of one plane against another, read row by row without copying. */
    public static double of(PlaneAccess reference, PlaneAccess test, double dataRange) {
        return of(List.of(AffinePlane.of(reference)), List.of(AffinePlane.of(test)), dataRange);
    }

    /** PSNR over all pixels of all planes (the mean squared error is taken over the whole image). */
    public static double of(HyperImage<?> reference, HyperImage<?> test, double dataRange) {
        return of(AffinePlane.of(reference), AffinePlane.of(test), dataRange);
    }

    static double of(List<AffinePlane> reference, List<AffinePlane> test, double dataRange) {
        checkRange(dataRange);
        double mse = PixelDifferences.of(reference, test).meanSquaredError();
        return 10 * Math.log10(dataRange * dataRange / mse);
    }

    static void checkRange(double dataRange) {
        if (!(dataRange > 0) || Double.isInfinite(dataRange)) {
            throw new UserException("The data range must be positive and finite, got " + dataRange);
        }
    }
}
