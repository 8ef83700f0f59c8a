package io.github.imagejgan.image;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * Streams the pixels of a set of planes row by row through one reused buffer, for statistics over whole images that
 * must not copy them (percentiles, mean and standard deviation).
 */
final class PlaneRows {

    /** Receives one row: its first {@code width} values in {@code row}, from plane {@code plane} at row {@code y}. */
    @FunctionalInterface
    interface Visitor {
        void visit(FloatBuffer row, int width, int plane, int y);
    }

    /**
     * Counts NaN and infinite values with the place of the first one, to fail once with a message that says where
     * to look.
     */
    static final class NonFiniteTally {

        private long count;
        private String first;

        /** Looks at one value of row {@code y} of plane {@code plane}; false if it is NaN or infinite. */
        boolean check(float value, int x, int y, int plane) {
            if (Float.isFinite(value)) {
                return true;
            }
            if (count++ == 0) {
                first = "x=" + x + ", y=" + y + ", plane " + (plane + 1);
            }
            return false;
        }

        /** @throws NonFiniteValuesException if any value checked was NaN or infinite */
        void throwIfAny() {
            if (count > 0) {
                throw new NonFiniteValuesException(count, first);
            }
        }
    }

    private PlaneRows() {
    }

    static void forEach(List<PlaneAccess> planes, Visitor visitor) {
        int maxWidth = planes.stream().mapToInt(PlaneAccess::width).max().orElse(0);
        FloatBuffer row = FloatBuffer.allocate(maxWidth);
        for (int p = 0; p < planes.size(); p++) {
            PlaneAccess plane = planes.get(p);
            for (int y = 0; y < plane.height(); y++) {
                plane.readRow(y, 0, plane.width(), row, 0, LinearMap.IDENTITY);
                visitor.visit(row, plane.width(), p, y);
            }
        }
    }
}
