package io.github.imagejgan.metrics.distribution;

import io.github.imagejgan.task.UserException;

/** Checks on sample matrices (one row per sample, one column per feature) shared by the distribution metrics. */
final class Samples {

    private Samples() {
    }

    /** @return the number of features, after checking that every row has it and that there are enough rows */
    static int check(double[][] samples, int atLeast, String what) {
        if (samples.length < atLeast) {
            throw new UserException(what + " needs at least " + atLeast + " samples, got "
                    + samples.length + ".");
        }
        int d = samples[0].length;
        if (d == 0) {
            throw new UserException(what + " needs at least one feature per sample.");
        }
        for (double[] row : samples) {
            if (row.length != d) {
                throw new UserException(what + ": every sample needs " + d + " features, one has "
                        + row.length + ".");
            }
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new UserException(what + ": a feature is " + v + "; the network produced "
                            + "non-finite values.");
                }
            }
        }
        return d;
    }

    static void checkSameLength(int a, int b) {
        if (a != b) {
            throw new UserException("Both sets need features of the same length, got " + a + " and " + b
                    + ".");
        }
    }

    static double[] mean(double[][] samples) {
        double[] mean = new double[samples[0].length];
        for (double[] row : samples) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < mean.length; j++) {
            mean[j] /= samples.length;
        }
        return mean;
    }

    /** The samples minus their mean, divided by sqrt(n - 1): F with F^T F = the sample covariance. */
    static double[][] covarianceFactor(double[][] samples, double[] mean) {
        double scale = 1 / Math.sqrt(samples.length - 1.0);
        double[][] f = new double[samples.length][mean.length];
        for (int i = 0; i < samples.length; i++) {
            for (int j = 0; j < mean.length; j++) {
                f[i][j] = (samples[i][j] - mean[j]) * scale;
            }
        }
        return f;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }
}
