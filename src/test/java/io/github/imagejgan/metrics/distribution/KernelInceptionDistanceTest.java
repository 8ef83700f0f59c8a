package io.github.imagejgan.metrics.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelInceptionDistanceTest {

    @Test
    void kernelIsTheCubicPolynomialOfKid() {
        // x.y = 1*3 + 2*(-1) = 1, d = 2: (1/2 + 1)^3 = 3.375.
        assertEquals(3.375, KernelInceptionDistance.kernel(new double[] { 1, 2 }, new double[] { 3, -1 }), 1e-15);
    }

    @Test
    void oneSubsetOfAllSamplesIsTheUnbiasedEstimate() {
        double[][] x = GaussianSamples.skewed(12, 5, 1);
        double[][] y = GaussianSamples.skewed(12, 5, 2);
        Estimate kid = KernelInceptionDistance.between(x, y, 12, 7, 3);
        assertEquals(unbiased(x, y), kid.value(), 1e-12);
        assertEquals(0, kid.std(), 1e-12, "every subset holds all samples");
    }

    @Test
    void isUnbiasedForTwoSetsOfOneDistribution() {
        Statistics unbiased = new Statistics();
        Statistics biased = new Statistics();
        for (int draw = 0; draw < 300; draw++) {
            double[][] x = GaussianSamples.standard(30, 16, 0, 2L * draw);
            double[][] y = GaussianSamples.standard(30, 16, 0, 2L * draw + 1);
            unbiased.add(KernelInceptionDistance.between(x, y, 30, 1, draw).value());
            biased.add(biased(x, y));
        }
        // The expectation is 0: the mean of 300 estimates lies within 3 standard errors of it ...
        assertEquals(0, unbiased.mean(), 3 * unbiased.standardError(), unbiased.toString());
        // ... while the biased (V-statistic) estimate, which keeps each sample's kernel with itself, is far above.
        assertTrue(biased.mean() > 20 * unbiased.standardError(), biased + " vs " + unbiased);
    }

    @Test
    void isPositiveForShiftedDistributions() {
        Statistics shifted = new Statistics();
        for (int draw = 0; draw < 40; draw++) {
            double[][] x = GaussianSamples.standard(30, 16, 0, 2L * draw);
            double[][] y = GaussianSamples.standard(30, 16, 0.5, 2L * draw + 1);
            shifted.add(KernelInceptionDistance.between(x, y, 30, 1, draw).value());
        }
        assertTrue(shifted.mean() > 10 * shifted.standardError(), shifted.toString());
    }

    @Test
    void subsetsFollowTheSeed() {
        double[][] x = GaussianSamples.standard(60, 8, 0, 1);
        double[][] y = GaussianSamples.standard(50, 8, 0.3, 2);
        Estimate a = KernelInceptionDistance.between(x, y, 20, 30, 5);
        assertEquals(a, KernelInceptionDistance.between(x, y, 20, 30, 5));
        assertNotEquals(a, KernelInceptionDistance.between(x, y, 20, 30, 6));
        assertTrue(a.std() > 0, "subsets of 20 differ");
    }

    @Test
    void largeSetsAreSubsampledWithoutBias() {
        // More samples than the kernel pool holds: subsets come from a random pool and stay unbiased.
        double[][] x = GaussianSamples.standard(KernelInceptionDistance.POOL + 300, 2, 0, 1);
        double[][] y = GaussianSamples.standard(KernelInceptionDistance.POOL + 100, 2, 0, 2);
        Estimate same = KernelInceptionDistance.between(x, y, 100, 200, 3);
        assertEquals(0, same.value(), 3 * same.std() / Math.sqrt(200) + 1e-3, same.toString());
    }

    @Test
    void refusesSubsetsThatDoNotFit() {
        double[][] x = GaussianSamples.standard(10, 3, 0, 1);
        double[][] y = GaussianSamples.standard(8, 3, 0, 2);
        assertThrows(IllegalArgumentException.class, () -> KernelInceptionDistance.between(x, y, 9, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> KernelInceptionDistance.between(x, y, 1, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> KernelInceptionDistance.between(x, y, 5, 0, 0));
    }

    /** The unbiased MMD^2, written out directly. */
    private static double unbiased(double[][] x, double[][] y) {
        int m = x.length;
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (i != j) {
                    xx += KernelInceptionDistance.kernel(x[i], x[j]);
                    yy += KernelInceptionDistance.kernel(y[i], y[j]);
                }
                xy += KernelInceptionDistance.kernel(x[i], y[j]);
            }
        }
        return (xx + yy) / (m * (m - 1.0)) - 2 * xy / ((double) m * m);
    }

    /** The biased MMD^2: all pairs, the diagonal included. */
    private static double biased(double[][] x, double[][] y) {
        int m = x.length;
        double sum = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                sum += KernelInceptionDistance.kernel(x[i], x[j]) + KernelInceptionDistance.kernel(y[i], y[j])
                        - 2 * KernelInceptionDistance.kernel(x[i], y[j]);
            }
        }
        return sum / ((double) m * m);
    }

    /** Mean and standard error of repeated estimates. */
    private static final class Statistics {

        private int n;
        private double sum;
        private double squares;

        void add(double v) {
            n++;
            sum += v;
            squares += v * v;
        }

        double mean() {
            return sum / n;
        }

        double standardError() {
            double variance = (squares - sum * sum / n) / (n - 1);
            return Math.sqrt(variance / n);
        }

        @Override
        public String toString() {
            return "mean " + mean() + " +- " + standardError();
        }
    }
}
