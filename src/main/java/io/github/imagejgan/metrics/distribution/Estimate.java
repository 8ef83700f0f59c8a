package io.github.imagejgan.metrics.distribution;

/**
 * A score averaged over random subsets or splits, with the standard deviation over them (population form, as
 * torch-fidelity and the reference implementations report it), which says how much the score would move with other
 * subsets of the same images.
 */
public record Estimate(double value, double std) {

    static Estimate of(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new Estimate(mean, Math.sqrt(squares / values.length));
    }
}
