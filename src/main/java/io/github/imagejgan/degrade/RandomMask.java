package io.github.imagejgan.degrade;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import io.github.imagejgan.image.PlaneAccesses;
import io.github.imagejgan.task.UserException;

/**
 * Random holes for inpainting. The fraction of missing pixels is drawn uniformly from {@code [minCoverage,
 * maxCoverage]} and met exactly (to the pixel): shapes are drawn one after another until the drawn fraction is
 * reached, and the last shape is cut short where it reaches it. Missing pixels are set to {@code fillValue} in the
 * degraded image and marked 1 in its mask.
 *
 * @param shape       the kind of holes
 * @param minCoverage smallest missing fraction, in [0, 1)
 * @param maxCoverage largest missing fraction, in [minCoverage, 1)
 * @param fillValue   the value written into missing pixels
 */
public record RandomMask(MaskShape shape, double minCoverage, double maxCoverage, float fillValue)
        implements Degradation {

    public static final String TYPE = "mask";

    public RandomMask {
        if (shape == null) {
            throw new UserException("Choose a mask shape: " + Arrays.toString(MaskShape.values()));
        }
        if (!(minCoverage >= 0 && minCoverage <= maxCoverage && maxCoverage < 1)) {
            throw new UserException("Mask coverage needs 0 <= min <= max < 1, got " + minCoverage + " and "
                    + maxCoverage);
        }
        if (!Float.isFinite(fillValue)) {
            throw new UserException("The fill value must be finite, got " + fillValue);
        }
    }

    @Override
    public Degraded apply(float[] image, int width, int height, long seed) {
        PlaneAccesses.requireSize(image, width, height);
        Random random = Seeds.random(seed);
        int n = image.length;
        double fraction = minCoverage + random.nextDouble() * (maxCoverage - minCoverage);
        int lowest = (int) Math.ceil(minCoverage * n);
        int highest = (int) Math.floor(maxCoverage * n);
        int target = Math.max(lowest, Math.min(highest, (int) Math.round(fraction * n)));
        byte[] mask = switch (shape) {
            case BOXES -> boxes(width, height, target, random);
            case STROKES -> strokes(width, height, target, random);
            case BLOBS -> blobs(width, height, target, random);
        };
        float[] degraded = image.clone();
        for (int i = 0; i < n; i++) {
            if (mask[i] != 0) {
                degraded[i] = fillValue;
            }
        }
        return new Degraded(degraded, width, height, mask);
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", TYPE, "shape", shape.label(), "minCoverage", minCoverage, "maxCoverage",
                maxCoverage, "fillValue", (double) fillValue);
    }

    /** Marks pixels one at a time and says when the target is met. */
    private static final class Painter {
        final byte[] mask;
        final int width;
        final int height;
        final int target;
        int count;

        Painter(int width, int height, int target) {
            this.mask = new byte[width * height];
            this.width = width;
            this.height = height;
            this.target = target;
        }

        boolean done() {
            return count >= target;
        }

        void mark(int x, int y) {
            if (x >= 0 && y >= 0 && x < width && y < height && count < target && mask[y * width + x] == 0) {
                mask[y * width + x] = 1;
                count++;
            }
        }
    }

    private static byte[] boxes(int width, int height, int target, Random random) {
        Painter p = new Painter(width, height, target);
        while (!p.done()) {
            int bw = between(width / 10, width / 3, random);
            int bh = between(height / 10, height / 3, random);
            int x0 = random.nextInt(width) - bw / 2;
            int y0 = random.nextInt(height) - bh / 2;
            for (int y = y0; y < y0 + bh && !p.done(); y++) {
                for (int x = x0; x < x0 + bw; x++) {
                    p.mark(x, y);
                }
            }
        }
        return p.mask;
    }

    private static byte[] strokes(int width, int height, int target, Random random) {
        Painter p = new Painter(width, height, target);
        int side = Math.min(width, height);
        while (!p.done()) {
            double radius = Math.max(1, side / 60.0) + random.nextDouble() * Math.max(2, side / 25.0);
            double x = random.nextDouble() * width;
            double y = random.nextDouble() * height;
            double angle = random.nextDouble() * 2 * Math.PI;
            int vertices = 3 + random.nextInt(8);
            for (int v = 0; v < vertices && !p.done(); v++) {
                angle += (random.nextDouble() - 0.5) * Math.PI;
                double length = side * (0.05 + 0.2 * random.nextDouble());
                double step = Math.max(0.5, radius / 2);
                for (double t = 0; t <= length && !p.done(); t += step) {
                    stamp(p, x + t * Math.cos(angle), y + t * Math.sin(angle), radius);
                }
                // Bounce off the borders so that strokes stay in the image.
                x = reflect(x + length * Math.cos(angle), width);
                y = reflect(y + length * Math.sin(angle), height);
            }
        }
        return p.mask;
    }

    private static void stamp(Painter p, double cx, double cy, double radius) {
        int r = (int) Math.ceil(radius);
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                if (dx * dx + dy * dy <= radius * radius) {
                    p.mark((int) Math.round(cx) + dx, (int) Math.round(cy) + dy);
                }
            }
        }
    }

    private static byte[] blobs(int width, int height, int target, Random random) {
        float[] field = RandomFields.smooth(width, height, Math.max(2, Math.min(width, height) / 6.0), random);
        byte[] mask = new byte[field.length];
        if (target == 0) {
            return mask;
        }
        // The highest `target` values of the field: the blobs' outlines are its level set at that quantile.
        float[] sorted = field.clone();
        Arrays.sort(sorted);
        float threshold = sorted[field.length - target];
        int count = 0;
        for (int i = 0; i < field.length; i++) {
            if (field[i] > threshold) {
                mask[i] = 1;
                count++;
            }
        }
        for (int i = 0; i < field.length && count < target; i++) {
            if (field[i] == threshold) {
                mask[i] = 1;
                count++;
            }
        }
        return mask;
    }

    private static int between(int low, int high, Random random) {
        int lo = Math.max(1, low);
        return lo + random.nextInt(Math.max(1, high - lo + 1));
    }

    private static double reflect(double v, int size) {
        double period = 2.0 * size;
        double m = ((v % period) + period) % period;
        return m < size ? m : period - m;
    }
}
