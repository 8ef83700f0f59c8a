package io.github.imagejgan.metrics;

import java.nio.FloatBuffer;
import java.util.List;

import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.task.UserException;

/**
 * Mean structural similarity (Wang, Bovik, Sheikh &amp; Simoncelli, IEEE TIP 2004) with their settings: local
 * statistics under an 11 x 11 Gaussian window of sigma 1.5 (radius 5, i.e. truncated at 3.5 sigma), population
 * (co)variances, {@code K1 = 0.01}, {@code K2 = 0.03}. The mean is taken over the pixels whose window lies wholly in
 * the image, so borders need no padding rule. This equals skimage's {@code structural_similarity(x, y,
 * gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=R)}.
 *
 * <p>Images are streamed: only 11 rows of filtered statistics are held at a time, never a copy of an image.
 */
public final class Ssim {

    public static final double SIGMA = 1.5;
    public static final int RADIUS = 5;
    public static final double K1 = 0.01;
    public static final double K2 = 0.03;

    private static final int WINDOW = 2 * RADIUS + 1;
    private static final double[] WEIGHTS = weights();

    private Ssim() {
    }

    /** SSIM of two row-major images of {@code width x height} pixels (at least 11 x 11). */
    public static double of(float[] reference, float[] test, int width, int height, double dataRange) {
        return of(AffinePlane.of(reference, width, height), AffinePlane.of(test, width, height), dataRange);
    }

    /** SSIM of one plane against another (at least 11 x 11), read row by row. */
    public static double of(PlaneAccess reference, PlaneAccess test, double dataRange) {
        return of(AffinePlane.of(reference), AffinePlane.of(test), dataRange);
    }

    /** The mean of the planes' SSIMs (as skimage averages over channels). */
    public static double of(HyperImage<?> reference, HyperImage<?> test, double dataRange) {
        List<AffinePlane> refs = AffinePlane.of(reference);
        List<AffinePlane> tests = AffinePlane.of(test);
        AffinePlane.checkSameSize(refs, tests);
        double sum = 0;
        for (int i = 0; i < refs.size(); i++) {
            sum += of(refs.get(i), tests.get(i), dataRange);
        }
        return sum / refs.size();
    }

    static double of(AffinePlane x, AffinePlane y, double dataRange) {
        Psnr.checkRange(dataRange);
        AffinePlane.checkSameSize(List.of(x), List.of(y));
        int w = x.width();
        int h = x.height();
        if (w < WINDOW || h < WINDOW) {
            throw new UserException("SSIM needs images of at least " + WINDOW + "x" + WINDOW
                    + " pixels (its window), got " + w + "x" + h);
        }
        double c1 = (K1 * dataRange) * (K1 * dataRange);
        double c2 = (K2 * dataRange) * (K2 * dataRange);
        int inner = w - 2 * RADIUS;
        // ring[row % WINDOW][statistic][column]: rows filtered horizontally, for the columns with full windows.
        double[][][] ring = new double[WINDOW][5][inner];
        FloatBuffer scratch = FloatBuffer.allocate(w);
        double[] a = new double[w];
        double[] b = new double[w];
        double[][] column = new double[5][inner];
        double sum = 0;
        for (int row = 0; row < h; row++) {
            x.readRow(row, scratch, a);
            y.readRow(row, scratch, b);
            double[][] filtered = ring[row % WINDOW];
            for (int c = 0; c < inner; c++) {
                double mx = 0;
                double my = 0;
                double mxx = 0;
                double myy = 0;
                double mxy = 0;
                for (int k = 0; k < WINDOW; k++) {
                    double g = WEIGHTS[k];
                    double va = a[c + k];
                    double vb = b[c + k];
                    mx += g * va;
                    my += g * vb;
                    mxx += g * va * va;
                    myy += g * vb * vb;
                    mxy += g * va * vb;
                }
                filtered[0][c] = mx;
                filtered[1][c] = my;
                filtered[2][c] = mxx;
                filtered[3][c] = myy;
                filtered[4][c] = mxy;
            }
            if (row < WINDOW - 1) {
                continue;
            }
            for (double[] s : column) {
                java.util.Arrays.fill(s, 0);
            }
            for (int k = 0; k < WINDOW; k++) {
                double g = WEIGHTS[k];
                double[][] source = ring[(row - WINDOW + 1 + k) % WINDOW];
                for (int s = 0; s < 5; s++) {
                    double[] from = source[s];
                    double[] to = column[s];
                    for (int c = 0; c < inner; c++) {
                        to[c] += g * from[c];
                    }
                }
            }
            for (int c = 0; c < inner; c++) {
                double ux = column[0][c];
                double uy = column[1][c];
                double vx = column[2][c] - ux * ux;
                double vy = column[3][c] - uy * uy;
                double vxy = column[4][c] - ux * uy;
                sum += ((2 * ux * uy + c1) * (2 * vxy + c2)) / ((ux * ux + uy * uy + c1) * (vx + vy + c2));
            }
        }
        return sum / ((double) inner * (h - 2 * RADIUS));
    }

    /** scipy.ndimage's Gaussian weights for sigma 1.5 and radius 5, normalized to sum 1. */
    private static double[] weights() {
        double[] g = new double[WINDOW];
        double sum = 0;
        for (int i = -RADIUS; i <= RADIUS; i++) {
            g[i + RADIUS] = Math.exp(-0.5 * i * i / (SIGMA * SIGMA));
            sum += g[i + RADIUS];
        }
        for (int i = 0; i < WINDOW; i++) {
            g[i] /= sum;
        }
        return g;
    }
}
