package io.github.imagejgan.metrics.distribution;

import io.github.imagejgan.image.MeanStd;

/**
 * A score averaged over random subsets or splits, with the standard deviation over them (population form, as
 * torch-fidelity and the reference implementations report it), which says how much the score would move with other
 * subsets of the same images.
 */
public record Estimate(double value, double std) {

    static Estimate of(double[] values) {
        MeanStd statistics = MeanStd.of(values);
        return new Estimate(statistics.mean(), statistics.std());
    }
}
