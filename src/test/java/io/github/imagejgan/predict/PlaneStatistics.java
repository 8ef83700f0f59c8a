package io.github.imagejgan.predict;

import java.util.function.IntPredicate;

/** Statistics of a plane's values over the pixels a test picks (by index): means, errors and differences. */
final class PlaneStatistics {

    private PlaneStatistics() {
    }

    /** The mean of {@code values} where {@code where} holds. */
    static double mean(float[] values, IntPredicate where) {
        return meanOf(i -> values[i], values.length, where);
    }

    /** The root mean squared difference of {@code values} from {@code truth} where {@code where} holds. */
    static double rmsError(float[] values, float[] truth, IntPredicate where) {
        return Math.sqrt(meanOf(i -> (values[i] - truth[i]) * (double) (values[i] - truth[i]), values.length, where));
    }

    /** The mean absolute difference between two planes where {@code where} holds. */
    static double meanChange(float[] a, float[] b, IntPredicate where) {
        return meanOf(i -> Math.abs(a[i] - b[i]), a.length, where);
    }

    private static double meanOf(java.util.function.IntToDoubleFunction value, int length, IntPredicate where) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < length; i++) {
            if (where.test(i)) {
                sum += value.applyAsDouble(i);
                n++;
            }
        }
        return sum / n;
    }
}
