package io.github.imagejgan.metrics.distribution;

import io.github.imagejgan.task.UserException;

/**
 * The mean and covariance of a set of feature vectors: the Gaussian that the Fréchet distance compares. Reference
 * statistics from elsewhere (e.g. of a large reference set) enter here too.
 *
 * @param mean       length d
 * @param covariance d x d, symmetric positive semi-definite (the sample covariance, divided by n - 1)
 */
public record GaussianStatistics(double[] mean, double[][] covariance) {

    public GaussianStatistics {
        int d = mean.length;
        if (d == 0 || covariance.length != d) {
            throw new UserException("A mean of length " + d + " needs a " + d + " x " + d
                    + " covariance, got " + covariance.length + " rows.");
        }
        for (int i = 0; i < d; i++) {
            if (covariance[i].length != d) {
                throw new UserException("The covariance must be " + d + " x " + d + "; row " + i
                        + " has " + covariance[i].length + " entries.");
            }
            for (int j = 0; j < i; j++) {
                double a = covariance[i][j];
                double b = covariance[j][i];
                if (Math.abs(a - b) > 1e-9 * (Math.abs(a) + Math.abs(b)) + 1e-300) {
                    throw new UserException("The covariance must be symmetric: entry (" + i + ", " + j
                            + ") is " + a + " but (" + j + ", " + i + ") is " + b + ".");
                }
            }
        }
    }

    /** The sample mean and covariance of the rows of {@code samples} (at least two). */
    public static GaussianStatistics of(double[][] samples) {
        int d = Samples.check(samples, 2, "A covariance");
        double[] mean = Samples.mean(samples);
        double[][] f = Samples.covarianceFactor(samples, mean);
        double[][] covariance = new double[d][d];
        for (double[] row : f) {
            for (int i = 0; i < d; i++) {
                double ri = row[i];
                if (ri == 0) {
                    continue;
                }
                double[] target = covariance[i];
                for (int j = 0; j <= i; j++) {
                    target[j] += ri * row[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                covariance[j][i] = covariance[i][j];
            }
        }
        return new GaussianStatistics(mean, covariance);
    }

    public int dimension() {
        return mean.length;
    }

    double trace() {
        double t = 0;
        for (int i = 0; i < mean.length; i++) {
            t += covariance[i][i];
        }
        return t;
    }
}
