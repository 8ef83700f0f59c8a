package io.github.imagejgan.metrics.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    // Two Gaussians whose covariances do not commute. C1 C2 = [[2, 3], [1, 6]] has trace 8 and determinant 9; for a
    // 2 x 2 matrix with non-negative eigenvalues, Tr(sqrt(A)) = sqrt(Tr A + 2 sqrt(det A)) = sqrt(14), so
    // FID = |(1, 2)|^2 + Tr C1 + Tr C2 - 2 sqrt(14) = 5 + 4 + 4 - 2 sqrt(14).
    static final double[] MEAN_1 = { 0, 0 };
    static final double[] MEAN_2 = { 1, 2 };
    static final double[][] COVARIANCE_1 = { { 2, 1 }, { 1, 2 } };
    static final double[][] COVARIANCE_2 = { { 1, 0 }, { 0, 3 } };
    static final double CLOSED_FORM = 13 - 2 * Math.sqrt(14);

    @Test
    void matchesTheClosedFormForNonCommutingCovariances() {
        double fid = FrechetDistance.between(new GaussianStatistics(MEAN_1, COVARIANCE_1), new GaussianStatistics(
                MEAN_2, COVARIANCE_2));
        assertEquals(5.516685226452117, CLOSED_FORM, 1e-15);
        assertEquals(CLOSED_FORM, fid, 1e-12);
    }

    @Test
    void matchesTheClosedFormForDiagonalCovariances() {
        // Commuting covariances: Tr(C1 + C2 - 2 sqrt(C1 C2)) = sum (sqrt(a_i) - sqrt(b_i))^2.
        double[] a = { 0.5, 1, 2, 4, 9, 0 };
        double[] b = { 2, 1, 0.25, 1, 16, 3 };
        double[] m1 = { 1, 0, 0, -1, 0, 2 };
        double[] m2 = { 0, 0, 3, -1, 0.5, 2 };
        double expected = 0;
        double[][] c1 = new double[6][6];
        double[][] c2 = new double[6][6];
        for (int i = 0; i < 6; i++) {
            c1[i][i] = a[i];
            c2[i][i] = b[i];
            expected += (m1[i] - m2[i]) * (m1[i] - m2[i]) + Math.pow(Math.sqrt(a[i]) - Math.sqrt(b[i]), 2);
        }
        assertEquals(expected, FrechetDistance.between(new GaussianStatistics(m1, c1), new GaussianStatistics(m2,
                c2)), 1e-12);
    }

    @Test
    void samplesOfTwoGaussiansApproachTheClosedForm() {
        double[][] l1 = { { Math.sqrt(2), 0 }, { 1 / Math.sqrt(2), Math.sqrt(1.5) } };
        double[][] l2 = { { 1, 0 }, { 0, Math.sqrt(3) } };
        double[][] x = GaussianSamples.draw(100_000, MEAN_1, l1, 1);
        double[][] y = GaussianSamples.draw(100_000, MEAN_2, l2, 2);
        // The estimate's sampling error is about 0.03 here (mostly from the means).
        assertEquals(CLOSED_FORM, FrechetDistance.between(x, y), 0.1);
    }

    @Test
    void theFewSamplesPathEqualsTheCovariancePath() {
        // 30 and 45 samples of 64 features: the distance goes through a 30 x 30 matrix instead of 64 x 64.
        double[][] x = GaussianSamples.skewed(30, 64, 3);
        double[][] y = GaussianSamples.skewed(45, 64, 4);
        for (double[] row : y) {
            row[5] += 0.7;
        }
        double viaSamples = FrechetDistance.between(x, y);
        double viaStatistics = FrechetDistance.between(GaussianStatistics.of(x), GaussianStatistics.of(y));
        assertTrue(viaSamples > 1, "the sets differ: " + viaSamples);
        assertEquals(viaStatistics, viaSamples, 1e-9 * viaStatistics);
        assertEquals(viaSamples, FrechetDistance.between(y, x), 1e-9 * viaSamples, "symmetric");
    }

    @Test
    void identicalSetsAreAtDistanceZero() {
        double[][] few = GaussianSamples.skewed(20, 50, 5);
        double[][] many = GaussianSamples.skewed(200, 8, 6);
        double traceFew = GaussianStatistics.of(few).trace();
        double traceMany = GaussianStatistics.of(many).trace();
        assertEquals(0, FrechetDistance.between(few, few), 1e-9 * traceFew);
        assertEquals(0, FrechetDistance.between(many, many), 1e-9 * traceMany);
        assertEquals(0, FrechetDistance.between(GaussianStatistics.of(few), GaussianStatistics.of(few)),
                1e-9 * traceFew);
    }

    @Test
    void shiftingOneSetAddsOnlyTheChangeInMeanDistance() {
        double[][] x = GaussianSamples.skewed(25, 40, 7);
        double[][] y = GaussianSamples.skewed(35, 40, 8);
        double[][] shifted = new double[y.length][];
        double[] v = new double[40];
        v[0] = 1.5;
        v[39] = -2;
        for (int i = 0; i < y.length; i++) {
            shifted[i] = y[i].clone();
            for (int j = 0; j < 40; j++) {
                shifted[i][j] += v[j];
            }
        }
        double[] mx = GaussianStatistics.of(x).mean();
        double[] my = GaussianStatistics.of(y).mean();
        double before = 0;
        double after = 0;
        for (int j = 0; j < 40; j++) {
            before += (mx[j] - my[j]) * (mx[j] - my[j]);
            after += (mx[j] - my[j] - v[j]) * (mx[j] - my[j] - v[j]);
        }
        assertEquals(FrechetDistance.between(x, y) + after - before, FrechetDistance.between(x, shifted), 1e-9);
    }

    @Test
    void refusesTooFewOrMismatchedSamples() {
        double[][] one = { { 1, 2 } };
        double[][] two = { { 1, 2 }, { 3, 4 } };
        assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(one, two));
        assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(two, new double[][] { { 1 },
            { 2 } }));
        assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(two, new double[][] { { 1, 2 },
            { Double.NaN, 1 } }));
        assertThrows(IllegalArgumentException.class, () -> new GaussianStatistics(new double[] { 0, 0 },
                new double[][] { { 1, 0.5 }, { 0, 1 } }));
    }
}
