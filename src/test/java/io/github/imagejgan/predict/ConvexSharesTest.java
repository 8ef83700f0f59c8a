package io.github.imagejgan.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ConvexSharesTest {

    @Test
    void anOptimumInsideTheSimplexIsTheLeastSquaresOne() {
        double[][] m = { { 2, 0.5 }, { 0.5, 1 } };
        double[] x = { 0.2, 0.3 };
        double[] r = { m[0][0] * x[0] + m[0][1] * x[1], m[1][0] * x[0] + m[1][1] * x[1] };
        assertArrayEquals(x, ConvexShares.solve(m, r), 1e-9);
    }

    @Test
    void sharesStayAtLeastZeroAndAddUpToAtMostOne() {
        // Unconstrained: (1.5, 1.0); on x + y = 1 the best point of this separable quadratic is (0.75, 0.25).
        double[][] identity = { { 1, 0 }, { 0, 1 } };
        assertArrayEquals(new double[] { 0.75, 0.25 }, ConvexShares.solve(identity, new double[] { 1.5, 1.0 }), 1e-9);
        // A correction that only adds error gets no share.
        assertArrayEquals(new double[] { 0.4, 0 }, ConvexShares.solve(identity, new double[] { 0.4, -0.3 }), 1e-9);
        // Nothing helps: the image alone.
        assertArrayEquals(new double[] { 0, 0, 0 }, ConvexShares.solve(new double[][] { { 1, 0, 0 }, { 0, 1, 0 },
            { 0, 0, 1 } }, new double[] { -1, -2, -0.5 }), 1e-12);
        // Two identical corrections (a singular matrix) still give one answer on the boundary.
        double[] same = ConvexShares.solve(new double[][] { { 1, 1 }, { 1, 1 } }, new double[] { 2, 2 });
        assertArrayEquals(new double[] { 1 }, new double[] { same[0] + same[1] }, 1e-9);
        // Sums of squares over many pixels are large; the constraint's ones are not, and must still hold.
        double[] large = ConvexShares.solve(new double[][] { { 1.6e8, 3.8e6 }, { 3.8e6, 3.8e6 } }, new double[] {
            5.6e6, 5.1e6 });
        assertArrayEquals(new double[] { 0.0032, 0.9968 }, large, 1e-4);
    }
}
