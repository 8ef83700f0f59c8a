package io.github.imagejgan.metrics.distribution;

/**
 * The Fréchet distance between two Gaussians fitted to feature vectors, the quantity behind FID (Heusel et al.,
 * NeurIPS 2017): {@code |m1 - m2|^2 + Tr(C1) + Tr(C2) - 2 Tr((C1 C2)^(1/2))}.
 *
 * <p>The matrix square root is never taken of the non-symmetric product C1 C2 (what scipy's {@code sqrtm} does in
 * the reference code, which can return complex values from rounding). Its trace is the sum of the square roots of
 * the eigenvalues of a symmetric positive semi-definite matrix with the same non-zero eigenvalues:
 * <ul>
 * <li>with fewer samples than features in one set (the usual case: hundreds of images, 2048 features), write that
 * set's covariance as F^T F with F its centred samples over sqrt(n - 1), and the other's as G^T G; the eigenvalues of
 * C1 C2 = F^T F G^T G are those of (F G^T)(F G^T)^T, an n x n matrix, so the work shrinks from the feature count to
 * the sample count;</li>
 * <li>otherwise, with S the symmetric square root of C1 (from its eigen-decomposition), those of S C2 S, d x d.</li>
 * </ul>
 * Both are exact rewrites, so the two paths agree to rounding.
 */
public final class FrechetDistance {

    private FrechetDistance() {
    }

    /** The Fréchet distance between the Gaussians of two sets of samples (rows), at least two in each. */
    public static double between(double[][] x, double[][] y) {
        int d = Samples.check(x, 2, "The Fréchet distance");
        Samples.checkSameLength(d, Samples.check(y, 2, "The Fréchet distance"));
        double[][] small = x.length <= y.length ? x : y;
        double[][] large = small == x ? y : x;
        if (small.length > d) {
            return between(GaussianStatistics.of(x), GaussianStatistics.of(y));
        }
        double[] meanSmall = Samples.mean(small);
        double[] meanLarge = Samples.mean(large);
        double[][] f = Samples.covarianceFactor(small, meanSmall);
        double[][] g = Samples.covarianceFactor(large, meanLarge);
        double[][] c = SymmetricMatrices.multiplyTransposed(f, g);
        double traceSqrt = SymmetricMatrices.traceOfSquareRoot(SymmetricMatrices.gram(c));
        return combine(meanSmall, meanLarge, frobeniusSquared(f), frobeniusSquared(g), traceSqrt);
    }

    /** The Fréchet distance between two Gaussians given by their statistics. */
    public static double between(GaussianStatistics a, GaussianStatistics b) {
        Samples.checkSameLength(a.dimension(), b.dimension());
        double[][] s = SymmetricMatrices.squareRoot(a.covariance());
        double traceSqrt = SymmetricMatrices.traceOfSquareRoot(SymmetricMatrices.sandwich(s, b.covariance()));
        return combine(a.mean(), b.mean(), a.trace(), b.trace(), traceSqrt);
    }

    private static double combine(double[] m1, double[] m2, double trace1, double trace2, double traceSqrt) {
        double meanDistance = 0;
        for (int i = 0; i < m1.length; i++) {
            meanDistance += (m1[i] - m2[i]) * (m1[i] - m2[i]);
        }
        // A squared distance between distributions: rounding may leave identical sets a hair below zero.
        return Math.max(0, meanDistance + trace1 + trace2 - 2 * traceSqrt);
    }

    private static double frobeniusSquared(double[][] f) {
        double s = 0;
        for (double[] row : f) {
            s += Samples.dot(row, row);
        }
        return s;
    }
}
