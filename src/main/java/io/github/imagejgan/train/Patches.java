package io.github.imagejgan.train;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.SplittableRandom;

import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.image.TensorBridge;

/** Random crops with the eight flips and rotations of a square, for all patch sources. */
final class Patches {

    private Patches() {
    }

    /** A random generator for one step of one source: independent of threads and of earlier steps. */
    static SplittableRandom random(long seed, long step) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L);
    }

    /** Cumulative pixel counts, so that large images are sampled as often as their area warrants. */
    static long[] cumulativeAreas(List<TrainingSample> samples) {
        long[] cumulative = new long[samples.size()];
        long sum = 0;
        for (int i = 0; i < samples.size(); i++) {
            sum += (long) samples.get(i).width() * samples.get(i).height();
            cumulative[i] = sum;
        }
        return cumulative;
    }

    /** Index of a sample drawn with probability proportional to its area. */
    static int pick(long[] cumulative, SplittableRandom random) {
        long r = random.nextLong(cumulative[cumulative.length - 1]);
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Checks that every sample can hold a patch of the given size. */
    static void requireSize(List<TrainingSample> samples, int patch, String role) {
        for (TrainingSample s : samples) {
            if (s.width() < patch || s.height() < patch) {
                throw new TrainingDataException(role + " image " + s.name() + " is " + s.width() + "x" + s.height()
                        + ", smaller than the " + patch + "-pixel training patch. Choose a smaller patch size or "
                        + "larger images.");
            }
        }
    }

    /**
     * Reads a {@code size} x {@code size} region of all channels of the sample, normalized, into {@code dst} at
     * {@code offset}, then applies dihedral transform {@code transform} (0..7).
     */
    static void crop(TrainingSample sample, int x0, int y0, int size, int transform, float[] dst, int offset) {
        crop(sample, x0, y0, size, transform, sample.normalize(), dst, offset);
    }

    /** As {@link #crop(TrainingSample, int, int, int, int, float[], int)}, with values passed through {@code map}. */
    static void crop(TrainingSample sample, int x0, int y0, int size, int transform, LinearMap map, float[] dst,
            int offset) {
        int channels = sample.channels().size();
        FloatBuffer buffer = FloatBuffer.allocate(channels * size * size);
        TensorBridge.readRegion(buffer, 0, sample.channels(), x0, y0, size, size, map);
        float[] region = buffer.array();
        for (int c = 0; c < channels; c++) {
            transform(region, c * size * size, size, transform, dst, offset + c * size * size);
        }
    }

    /** {@code count} pixel values (image units) at seeded random positions, drawn from all channels. */
    static float[] pixelSample(TrainingSample sample, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        FloatBuffer one = FloatBuffer.allocate(1);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            PlaneAccess plane = sample.channels().get(random.nextInt(sample.channels().size()));
            plane.readRow(random.nextInt(plane.height()), random.nextInt(plane.width()), 1, one, 0,
                    LinearMap.IDENTITY);
            values[i] = one.get(0);
        }
        return values;
    }

    /** Writes plane {@code src[from..]} transformed into {@code dst[to..]}: bit 0 flips X, 1 flips Y, 2 transposes. */
    static void transform(float[] src, int from, int size, int transform, float[] dst, int to) {
        boolean flipX = (transform & 1) != 0;
        boolean flipY = (transform & 2) != 0;
        boolean transpose = (transform & 4) != 0;
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                int sr = transpose ? c : r;
                int sc = transpose ? r : c;
                sr = flipY ? size - 1 - sr : sr;
                sc = flipX ? size - 1 - sc : sc;
                dst[to + r * size + c] = src[from + sr * size + sc];
            }
        }
    }
}
