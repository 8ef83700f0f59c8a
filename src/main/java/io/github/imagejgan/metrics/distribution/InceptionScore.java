package io.github.imagejgan.metrics.distribution;

import io.github.imagejgan.task.UserException;

/**
 * Inception Score (Salimans et al., NeurIPS 2016): {@code exp(E_x KL(p(y|x) || p(y)))} from a classifier's class
 * probabilities, computed on each of several equal splits of the images and reported as the mean and standard
 * deviation over the splits, as the reference code does. It is high when each image is classified confidently and
 * the classes are varied; it looks at one set only and knows nothing of the real images, so it means little for
 * microscopy, whose images belong to no ImageNet class. Reported for completeness and for comparison with
 * literature on natural images.
 */
public final class InceptionScore {

    /** The reference code's number of splits. */
    public static final int DEFAULT_SPLITS = 10;

    private InceptionScore() {
    }

    /**
     * @param probabilities one row of class probabilities (non-negative, summing to 1) per image
     * @param splits        number of splits, at most the number of images
     */
    public static Estimate of(double[][] probabilities, int splits) {
        int classes = Samples.check(probabilities, 1, "The Inception score");
        if (splits < 1 || splits > probabilities.length) {
            throw new UserException("The Inception score needs between 1 and " + probabilities.length
                    + " splits (one image at least in each), got " + splits + ".");
        }
        for (double[] row : probabilities) {
            double sum = 0;
            for (double p : row) {
                if (p < 0) {
                    throw new UserException("Class probabilities cannot be negative: " + p + ".");
                }
                sum += p;
            }
            if (Math.abs(sum - 1) > 1e-3) {
                throw new UserException("Class probabilities must sum to 1, a row sums to " + sum
                        + ": the network's output is not a softmax classifier.");
            }
        }
        double[] scores = new double[splits];
        for (int s = 0; s < splits; s++) {
            int from = (int) ((long) s * probabilities.length / splits);
            int to = (int) ((long) (s + 1) * probabilities.length / splits);
            double[] marginal = new double[classes];
            for (int i = from; i < to; i++) {
                for (int c = 0; c < classes; c++) {
                    marginal[c] += probabilities[i][c] / (to - from);
                }
            }
            double kl = 0;
            for (int i = from; i < to; i++) {
                for (int c = 0; c < classes; c++) {
                    double p = probabilities[i][c];
                    // 0 log 0 = 0; p > 0 implies marginal > 0.
                    if (p > 0) {
                        kl += p * Math.log(p / marginal[c]);
                    }
                }
            }
            scores[s] = Math.exp(kl / (to - from));
        }
        return Estimate.of(scores);
    }
}
