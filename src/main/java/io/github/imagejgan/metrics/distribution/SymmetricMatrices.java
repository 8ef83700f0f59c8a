package io.github.imagejgan.metrics.distribution;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Eigen-decompositions of symmetric matrices (commons-math3, which Fiji ships), and what the Fréchet distance
 * builds from them. Symmetric problems have real eigenvalues and orthogonal eigenvectors, so they are solved stably;
 * eigenvalues that rounding pushes slightly below zero in a positive semi-definite matrix are taken as zero.
 */
final class SymmetricMatrices {

    private SymmetricMatrices() {
    }

    /** The sum of the square roots of the eigenvalues of a symmetric positive semi-definite matrix. */
    static double traceOfSquareRoot(double[][] symmetric) {
        double sum = 0;
        for (double lambda : decompose(symmetric).getRealEigenvalues()) {
            sum += Math.sqrt(Math.max(lambda, 0));
        }
        return sum;
    }

    /** The symmetric positive semi-definite square root S of a covariance C: S S = C. */
    static double[][] squareRoot(double[][] symmetric) {
        EigenDecomposition e = decompose(symmetric);
        double[] lambda = e.getRealEigenvalues();
        RealMatrix v = e.getV();
        int d = lambda.length;
        double[][] scaled = new double[d][d];
        for (int k = 0; k < d; k++) {
            double root = Math.sqrt(Math.sqrt(Math.max(lambda[k], 0)));
            for (int i = 0; i < d; i++) {
                scaled[i][k] = v.getEntry(i, k) * root;
            }
        }
        // S = V sqrt(L) V^T = (V L^(1/4)) (V L^(1/4))^T, symmetric by construction.
        return gram(scaled);
    }

    /** S M S for symmetric d x d matrices S and M: symmetric again, and positive semi-definite with M. */
    static double[][] sandwich(double[][] s, double[][] middle) {
        return multiply(multiply(s, middle), s);
    }

    /** Rows x rows^T: the matrix of dot products between rows, symmetric by construction. */
    static double[][] gram(double[][] rows) {
        int n = rows.length;
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = Samples.dot(rows[i], rows[j]);
                g[i][j] = v;
                g[j][i] = v;
            }
        }
        return g;
    }

    /** a x b^T. */
    static double[][] multiplyTransposed(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                c[i][j] = Samples.dot(a[i], b[j]);
            }
        }
        return c;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        return multiplyTransposed(a, transpose(b));
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static EigenDecomposition decompose(double[][] symmetric) {
        int d = symmetric.length;
        double[][] copy = new double[d][d];
        // Average the two triangles: products computed in floating point are symmetric only to rounding, and
        // commons-math treats a matrix as symmetric (real eigenvalues) only within a tight tolerance.
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double v = 0.5 * (symmetric[i][j] + symmetric[j][i]);
                copy[i][j] = v;
                copy[j][i] = v;
            }
        }
        return new EigenDecomposition(new Array2DRowRealMatrix(copy, false));
    }
}
