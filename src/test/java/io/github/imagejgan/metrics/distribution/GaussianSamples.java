package io.github.imagejgan.metrics.distribution;

import java.util.Random;

/** Seeded samples of Gaussians and other distributions for the metric tests. */
final class GaussianSamples {

    private GaussianSamples() {
    }

    /** n samples of N(mean, L L^T), with L lower-triangular. */
    static double[][] draw(int n, double[] mean, double[][] cholesky, long seed) {
        Random random = new Random(seed);
        int d = mean.length;
        double[][] samples = new double[n][d];
        double[] z = new double[d];
        for (double[] row : samples) {
            for (int k = 0; k < d; k++) {
                z[k] = random.nextGaussian();
            }
            for (int i = 0; i < d; i++) {
                double v = mean[i];
                for (int k = 0; k <= i; k++) {
                    v += cholesky[i][k] * z[k];
                }
                row[i] = v;
            }
        }
        return samples;
    }

    /** n samples of d independent standard normals shifted by {@code shift}. */
    static double[][] standard(int n, int d, double shift, long seed) {
        double[][] identity = new double[d][d];
        double[] mean = new double[d];
        for (int i = 0; i < d; i++) {
            identity[i][i] = 1;
            mean[i] = shift;
        }
        return draw(n, mean, identity, seed);
    }

    /** n samples of d features that are far from Gaussian (exponential and uniform mixed), as network features are. */
    static double[][] skewed(int n, int d, long seed) {
        Random random = new Random(seed);
        double[][] samples = new double[n][d];
        for (double[] row : samples) {
            double common = random.nextDouble();
            for (int j = 0; j < d; j++) {
                row[j] = (j % 2 == 0 ? -Math.log(1 - random.nextDouble()) : random.nextDouble()) + common * j / d;
            }
        }
        return samples;
    }
}
