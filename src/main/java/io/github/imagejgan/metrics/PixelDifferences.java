package io.github.imagejgan.metrics;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * The sums that PSNR and NRMSE need, from one streaming pass over the pixels of a reference and a test image.
 *
 * @param count          number of pixels
 * @param squaredError   sum of (reference - test)^2
 * @param reference      sum of reference values
 * @param referenceSquares sum of reference^2
 * @param referenceMin   smallest reference value
 * @param referenceMax   largest reference value
 */
record PixelDifferences(long count, double squaredError, double reference, double referenceSquares,
        double referenceMin, double referenceMax) {

    static PixelDifferences of(List<AffinePlane> references, List<AffinePlane> tests) {
        AffinePlane.checkSameSize(references, tests);
        long count = 0;
        double squaredError = 0;
        double sum = 0;
        double squares = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < references.size(); p++) {
            AffinePlane ref = references.get(p);
            AffinePlane test = tests.get(p);
            int w = ref.width();
            FloatBuffer scratch = FloatBuffer.allocate(w);
            double[] a = new double[w];
            double[] b = new double[w];
            for (int y = 0; y < ref.height(); y++) {
                ref.readRow(y, scratch, a);
                test.readRow(y, scratch, b);
                for (int x = 0; x < w; x++) {
                    double d = a[x] - b[x];
                    squaredError += d * d;
                    sum += a[x];
                    squares += a[x] * a[x];
                    min = Math.min(min, a[x]);
                    max = Math.max(max, a[x]);
                }
                count += w;
            }
        }
        return new PixelDifferences(count, squaredError, sum, squares, min, max);
    }

    double meanSquaredError() {
        return squaredError / count;
    }
}
