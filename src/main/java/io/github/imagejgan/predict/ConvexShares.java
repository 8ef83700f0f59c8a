package io.github.imagejgan.predict;

/**
 * The shares {@code x} of a few corrections that minimize {@code x'Mx - 2 r'x} with every share at least 0 and all
 * together at most 1: the result stays a weighted mean of the image and the corrected images, whatever the estimate
 * says. With so few shares every set of them that may be non-zero is tried, with and without the sum held at 1, and
 * the feasible solution with the lowest value wins.
 */
final class ConvexShares {

    private ConvexShares() {
    }

    /**
     * The shares for the symmetric, positive semi-definite {@code m} (n x n) and {@code r} (n); all 0 where no
     * feasible solution lowers the value below 0 (the image alone).
     */
    static double[] solve(double[][] m, double[] r) {
        int n = r.length;
        // NB: scaled to a unit diagonal, so that the sum's constraint (ones) is of the matrix's order and the
        // elimination tells a singular system from a large one.
        double largest = 0;
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, m[i][i]);
        }
        if (!(largest > 0)) {
            return new double[n];
        }
        double[][] scaled = new double[n][n];
        double[] scaledR = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                scaled[i][j] = m[i][j] / largest;
            }
            scaledR[i] = r[i] / largest;
        }
        return solveScaled(scaled, scaledR);
    }

    private static double[] solveScaled(double[][] m, double[] r) {
        int n = r.length;
        double[] best = new double[n];
        double bestValue = 0;
        for (int set = 1; set < 1 << n; set++) {
            int[] free = members(set, n);
            for (boolean sumIsOne : new boolean[] { false, true }) {
                double[] x = solveOn(m, r, free, sumIsOne);
                if (x == null || !feasible(x)) {
                    continue;
                }
                double value = value(m, r, x);
                if (value < bestValue) {
                    bestValue = value;
                    best = x;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            // NB: feasible allows rounding below 0.
            best[i] = Math.max(0, best[i]);
        }
        return best;
    }

    private static int[] members(int set, int n) {
        int[] free = new int[Integer.bitCount(set)];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if ((set & 1 << i) != 0) {
                free[k++] = i;
            }
        }
        return free;
    }

    /**
     * The stationary point with only {@code free} shares non-zero, their sum held at 1 when {@code sumIsOne} (a
     * Lagrange multiplier as the last unknown); null where the system is singular.
     */
    private static double[] solveOn(double[][] m, double[] r, int[] free, boolean sumIsOne) {
        int k = free.length;
        int size = sumIsOne ? k + 1 : k;
        double[][] a = new double[size][size + 1];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                a[i][j] = m[free[i]][free[j]];
            }
            a[i][size] = r[free[i]];
            if (sumIsOne) {
                a[i][k] = 1;
                a[k][i] = 1;
            }
        }
        if (sumIsOne) {
            a[k][size] = 1;
        }
        double[] solution = gauss(a, size);
        if (solution == null) {
            return null;
        }
        double[] x = new double[r.length];
        for (int i = 0; i < k; i++) {
            x[free[i]] = solution[i];
        }
        return x;
    }

    /** Gaussian elimination with partial pivoting of the augmented matrix {@code a}; null if singular. */
    private static double[] gauss(double[][] a, int n) {
        double scale = 0;
        for (double[] row : a) {
            for (int j = 0; j < n; j++) {
                scale = Math.max(scale, Math.abs(row[j]));
            }
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            if (Math.abs(a[pivot][col]) <= 1e-12 * scale) {
                return null;
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            for (int row = 0; row < n; row++) {
                if (row != col) {
                    double f = a[row][col] / a[col][col];
                    for (int j = col; j <= n; j++) {
                        a[row][j] -= f * a[col][j];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = a[i][n] / a[i][i];
        }
        return x;
    }

    private static boolean feasible(double[] x) {
        double sum = 0;
        for (double v : x) {
            if (!(v >= -1e-12)) {
                return false;
            }
            sum += v;
        }
        return sum <= 1 + 1e-9;
    }

    private static double value(double[][] m, double[] r, double[] x) {
        double value = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                value += x[i] * m[i][j] * x[j];
            }
            value -= 2 * r[i] * x[i];
        }
        return value;
    }
}
