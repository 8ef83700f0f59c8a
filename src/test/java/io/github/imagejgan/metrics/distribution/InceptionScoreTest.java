package io.github.imagejgan.metrics.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InceptionScoreTest {

    @Test
    void matchesAHandComputedValue() {
        // Marginal (0.55, 0.45); KL = 0.29282 and 0.25797; exp of their mean = 1.31705.
        double[][] p = { { 0.9, 0.1 }, { 0.2, 0.8 } };
        Estimate is = InceptionScore.of(p, 1);
        assertEquals(1.3170522760436802, is.value(), 1e-12);
        assertEquals(0, is.std());
    }

    @Test
    void uncertainClassifiersScoreOne() {
        double[][] p = new double[20][4];
        for (double[] row : p) {
            java.util.Arrays.fill(row, 0.25);
        }
        Estimate is = InceptionScore.of(p, 4);
        assertEquals(1, is.value(), 1e-12);
        assertEquals(0, is.std(), 1e-12);
    }

    @Test
    void confidentEvenlySpreadClassesScoreTheirNumber() {
        // 5 classes, each split holds every class equally often, each image certain of its class.
        double[][] p = new double[50][5];
        for (int i = 0; i < p.length; i++) {
            p[i][i % 5] = 1;
        }
        Estimate is = InceptionScore.of(p, 10);
        assertEquals(5, is.value(), 1e-12);
        assertEquals(0, is.std(), 1e-12);
    }

    @Test
    void refusesWhatIsNotAProbabilityOrTooManySplits() {
        assertThrows(IllegalArgumentException.class, () -> InceptionScore.of(new double[][] { { 0.5, 0.6 } }, 1));
        assertThrows(IllegalArgumentException.class, () -> InceptionScore.of(new double[][] { { 1.5, -0.5 } }, 1));
        assertThrows(IllegalArgumentException.class, () -> InceptionScore.of(new double[][] { { 1, 0 } }, 2));
    }
}
