package io.github.imagejgan.metrics.distribution;

import java.util.SplittableRandom;

import io.github.imagejgan.task.UserException;

/**
 * Kernel Inception Distance (Bińkowski et al., ICLR 2018): the unbiased estimate of the squared maximum mean
 * discrepancy between two sets of feature vectors under the cubic polynomial kernel {@code k(a, b) = (a.b / d + 1)^3},
 * averaged over random subsets of equal size drawn from each set, with the standard deviation over the subsets.
 * Unlike FID it has no bias from the number of samples: two sets from the same distribution score 0 on average
 * (single estimates may be slightly negative), which makes it the better choice for small sets of images.
 *
 * <p>Kernel values are computed once for a pool of at most {@value #POOL} samples of each set (67 MB for full pools),
 * and the subsets are drawn from the pools. Each subset is then still a uniformly random subset of its whole set, so
 * every subset's estimate stays unbiased.
 */
public final class KernelInceptionDistance {

    /** Subsets averaged over, as torch-fidelity and clean-fid do by default. */
    public static final int DEFAULT_SUBSETS = 100;
    /** Samples per subset (fewer when a set is smaller), as torch-fidelity and clean-fid do by default. */
    public static final int DEFAULT_SUBSET_SIZE = 1000;
    static final int POOL = 2048;

    private KernelInceptionDistance() {
    }

    /**
     * @param subsetSize samples drawn from each set per subset: at least 2, at most the size of the smaller set
     * @param subsets    how many subsets to average over
     * @param seed       for the random subsets; the same seed gives the same result
     */
    public static Estimate between(double[][] x, double[][] y, int subsetSize, int subsets, long seed) {
        int d = Samples.check(x, 2, "KID");
        Samples.checkSameLength(d, Samples.check(y, 2, "KID"));
        int most = Math.min(x.length, y.length);
        if (subsetSize < 2 || subsetSize > most) {
            throw new UserException("The KID subset size must be between 2 and the size of the smaller "
                    + "set (" + most + " samples), got " + subsetSize + ".");
        }
        if (subsets < 1) {
            throw new UserException("KID needs at least one subset, got " + subsets + ".");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[][] poolX = pool(x, random);
        double[][] poolY = pool(y, random);
        Kernel kernel = new Kernel(poolX, poolY);
        double[] estimates = new double[subsets];
        int[] indicesX = identity(poolX.length);
        int[] indicesY = identity(poolY.length);
        for (int s = 0; s < subsets; s++) {
            draw(indicesX, subsetSize, random);
            draw(indicesY, subsetSize, random);
            estimates[s] = kernel.unbiasedMmd(indicesX, indicesY, subsetSize);
        }
        return Estimate.of(estimates);
    }

    /** The polynomial kernel of KID for features of length d. */
    static double kernel(double[] a, double[] b) {
        double t = Samples.dot(a, b) / a.length + 1;
        return t * t * t;
    }

    private static double[][] pool(double[][] samples, SplittableRandom random) {
        if (samples.length <= POOL) {
            return samples;
        }
        int[] indices = identity(samples.length);
        draw(indices, POOL, random);
        double[][] pool = new double[POOL][];
        for (int i = 0; i < POOL; i++) {
            pool[i] = samples[indices[i]];
        }
        return pool;
    }

    private static int[] identity(int n) {
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        return indices;
    }

    /** Moves a uniformly random choice of {@code m} distinct indices to the front (partial Fisher-Yates). */
    private static void draw(int[] indices, int m, SplittableRandom random) {
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(indices.length - i);
            int t = indices[i];
            indices[i] = indices[j];
            indices[j] = t;
        }
    }

    /** Kernel values among the samples of both pools, computed once: the lower triangle, row by row. */
    private static final class Kernel {

        private final int offsetY;
        private final double[] packed;

        Kernel(double[][] x, double[][] y) {
            offsetY = x.length;
            int n = x.length + y.length;
            double[][] all = new double[n][];
            System.arraycopy(x, 0, all, 0, x.length);
            System.arraycopy(y, 0, all, offsetY, y.length);
            packed = new double[n * (n + 1) / 2];
            for (int i = 0; i < n; i++) {
                int row = i * (i + 1) / 2;
                for (int j = 0; j <= i; j++) {
                    packed[row + j] = kernel(all[i], all[j]);
                }
            }
        }

        private double at(int i, int j) {
            return i >= j ? packed[i * (i + 1) / 2 + j] : packed[j * (j + 1) / 2 + i];
        }

        /** The unbiased MMD^2 of the first m indices of each pool: within-set sums leave out i = j. */
        double unbiasedMmd(int[] ix, int[] iy, int m) {
            double xx = 0;
            double yy = 0;
            double xy = 0;
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < a; b++) {
                    xx += at(ix[a], ix[b]);
                    yy += at(offsetY + iy[a], offsetY + iy[b]);
                }
                for (int b = 0; b < m; b++) {
                    xy += at(ix[a], offsetY + iy[b]);
                }
            }
            double pairs = (double) m * (m - 1);
            return 2 * xx / pairs + 2 * yy / pairs - 2 * xy / ((double) m * m);
        }
    }
}
