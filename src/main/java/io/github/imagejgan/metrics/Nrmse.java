package io.github.imagejgan.metrics;

import java.util.List;

import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.task.UserException;

/**
 * Normalized root-mean-square error, {@code sqrt(MSE) / denominator}, as skimage's {@code normalized_root_mse}
 * with the same three choices of denominator; skimage's default is {@link Normalization#EUCLIDEAN}.
 */
public final class Nrmse {

    /** What the root-mean-square error is divided by; all are taken from the reference image. */
    public enum Normalization {
        /** sqrt(mean(reference^2)): error relative to the reference's RMS value (skimage's default). */
        EUCLIDEAN,
        /** max(reference) - min(reference): error as a fraction of the reference's value range. */
        MIN_MAX,
        /** mean(reference): error relative to the mean intensity. */
        MEAN
    }

    private Nrmse() {
    }

    public static double of(float[] reference, float[] test, Normalization normalization) {
        AffinePlane.requireSameSize(reference, test);
        return of(AffinePlane.row(reference), AffinePlane.row(test), normalization);
    }

    public static double of(PlaneAccess reference, PlaneAccess test, Normalization normalization) {
        return of(List.of(AffinePlane.of(reference)), List.of(AffinePlane.of(test)), normalization);
    }

    /** NRMSE over all pixels of all planes. */
    public static double of(HyperImage<?> reference, HyperImage<?> test, Normalization normalization) {
        return of(AffinePlane.of(reference), AffinePlane.of(test), normalization);
    }

    static double of(List<AffinePlane> reference, List<AffinePlane> test, Normalization normalization) {
        PixelDifferences d = PixelDifferences.of(reference, test);
        double denominator = switch (normalization) {
            case EUCLIDEAN -> Math.sqrt(d.referenceSquares() / d.count());
            case MIN_MAX -> d.referenceMax() - d.referenceMin();
            case MEAN -> d.reference() / d.count();
        };
        if (!(denominator != 0) || !Double.isFinite(denominator)) {
            throw new UserException("Cannot normalize by " + normalization + ": it is " + denominator
                    + " for this reference image; choose another normalization");
        }
        return Math.sqrt(d.meanSquaredError()) / denominator;
    }
}
