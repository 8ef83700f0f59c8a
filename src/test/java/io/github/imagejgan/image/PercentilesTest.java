package io.github.imagejgan.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

class PercentilesTest {

    private static final double[] PERCENTS = { 0, 0.1, 1, 25, 50, 73.3, 99.8, 100 };

    /** NumPy's default ("linear") percentile of a sorted array. */
    static double reference(double[] sorted, double percent) {
        double pos = percent / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static void assertMatchesSortedReference(List<PlaneAccess> planes, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] got = Percentiles.of(planes, PERCENTS);
        for (int i = 0; i < PERCENTS.length; i++) {
            assertEquals(reference(sorted, PERCENTS[i]), got[i], 1e-9 * Math.max(1, Math.abs(got[i])),
                    "percentile " + PERCENTS[i]);
        }
    }

    private static double[] valuesOf(ImagePlus imp) {
        double[] values = new double[imp.getWidth() * imp.getHeight() * imp.getStackSize()];
        int k = 0;
        for (int i = 1; i <= imp.getStackSize(); i++) {
            var ip = imp.getStack().getProcessor(i);
            for (int p = 0; p < ip.getPixelCount(); p++) {
                values[k++] = ip.getf(p);
            }
        }
        return values;
    }

    @Test
    void integerImagesMatchSortedReference() {
        for (int bits : new int[] { 8, 16 }) {
            ImagePlus imp = TestImages.random(bits, 37, 23, 2, 2, 1, bits);
            assertMatchesSortedReference(ImagePlusImages.wrap(imp).allPlanes(), valuesOf(imp));
        }
    }

    @Test
    void floatImagesMatchSortedReference() {
        ImagePlus imp = TestImages.random(32, 41, 19, 1, 3, 1, 9);
        assertMatchesSortedReference(ImagePlusImages.wrap(imp).allPlanes(), valuesOf(imp));
    }

    @Test
    void rgbChannelsCountAsIntegerPlanes() {
        ImagePlus imp = TestImages.random(24, 10, 10, 1, 1, 1, 6);
        HyperImage<?> image = ImagePlusImages.wrap(imp);
        double[] values = new double[300];
        int[] rgb = (int[]) imp.getProcessor().getPixels();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 100; i++) {
                values[c * 100 + i] = (rgb[i] >> (16 - 8 * c)) & 0xff;
            }
        }
        assertMatchesSortedReference(image.allPlanes(), values);
    }

    @Test
    void crowdedFloatValuesAreNarrowedDownExactly() {
        // 2.1 million values in a tiny range plus one far outlier: the first histogram puts almost all of them in
        // one bin, so the search must refine that bin before it can gather and sort.
        int w = 2100;
        int h = 1000;
        float[] data = new float[w * h];
        Random random = new Random(1);
        double[] values = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            data[i] = 1f + random.nextInt(100000) * 1e-6f;
            values[i] = data[i];
        }
        data[17] = 1e6f;
        values[17] = 1e6f;
        ArrayImg<FloatType, ?> img = ArrayImgs.floats(data, w, h);
        assertMatchesSortedReference(List.of(PlaneAccesses.plane(img)), values);
    }

    @Test
    void nonFiniteValuesAreRejectedWithTheirLocation() {
        float[] data = new float[] { 1, 2, Float.NaN, 4, Float.POSITIVE_INFINITY, 6 };
        List<PlaneAccess> planes = List.of(PlaneAccesses.plane(ArrayImgs.floats(data, 3, 2)));
        NonFiniteValuesException e = assertThrows(NonFiniteValuesException.class,
                () -> PercentileNormalizer.DEFAULT.fit(planes));
        assertEquals(2, e.count());
        assertTrue(e.getMessage().contains("x=2, y=0"), e.getMessage());
        assertTrue(e.getMessage().contains("Remove NaNs"), e.getMessage());
    }

    @Test
    void constantImageNormalizesToZeroAndBack() {
        float[] data = new float[25];
        Arrays.fill(data, 42.5f);
        IntensityRange range = PercentileNormalizer.DEFAULT.fit(List.of(PlaneAccesses.plane(ArrayImgs.floats(data,
                5, 5))));
        assertTrue(range.isEmpty());
        assertEquals(0f, range.normalizing().apply(42.5f));
        assertEquals(42.5f, range.denormalizing().apply(0f));
    }

    @Test
    void coincidingPercentilesFallBackToMinMax() {
        float[] data = new float[1000];
        data[3] = 500f;
        IntensityRange range = PercentileNormalizer.DEFAULT.fit(List.of(PlaneAccesses.plane(ArrayImgs.floats(data,
                100, 10))));
        assertEquals(0, range.low());
        assertEquals(500, range.high());
        assertEquals(1f, range.normalizing().apply(500f), 1e-7);
    }

    @Test
    void normalizerUsesTheGivenPercentiles() {
        float[] data = new float[101];
        for (int i = 0; i <= 100; i++) {
            data[i] = i * 2;
        }
        IntensityRange range = new PercentileNormalizer(10, 90).fit(List.of(PlaneAccesses.plane(
                ArrayImgs.floats(data, 101, 1))));
        assertEquals(20, range.low(), 1e-9);
        assertEquals(180, range.high(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new PercentileNormalizer(50, 10));
    }

    /**
     * Passes split as a cluster splits them: each plane in bands of rows, each band tallied apart (after a copy
     * through serialization, as another machine would get it), and the parts merged in reverse order.
     */
    private static PixelPasses inParts(List<PlaneAccess> planes, int band) {
        return new PixelPasses() {
            @Override
            public <T extends PixelTally<T>> T pass(PixelTally.Factory<T> fresh) {
                List<T> parts = new java.util.ArrayList<>();
                java.nio.FloatBuffer row = java.nio.FloatBuffer.allocate(planes.get(0).width());
                for (int p = 0; p < planes.size(); p++) {
                    PlaneAccess plane = planes.get(p);
                    for (int y0 = 0; y0 < plane.height(); y0 += band) {
                        T tally = copy(fresh).get();
                        for (int y = y0; y < Math.min(plane.height(), y0 + band); y++) {
                            plane.readRow(y, 0, plane.width(), row, 0, LinearMap.IDENTITY);
                            tally.add(row, plane.width(), p, y);
                        }
                        parts.add(copy(tally));
                    }
                }
                java.util.Collections.reverse(parts);
                return parts.stream().reduce(PixelTally::merge).orElseThrow();
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T copy(T value) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                    new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (java.io.IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void passesSplitIntoSerializedPartsGiveTheSamePercentiles() {
        for (int bits : new int[] { 16, 32 }) {
            ImagePlus imp = TestImages.random(bits, 37, 23, 1, 3, 1, 4);
            List<PlaneAccess> planes = ImagePlusImages.wrap(imp).allPlanes();
            double[] whole = Percentiles.of(planes, PERCENTS);
            double[] split = Percentiles.of(inParts(planes, 5), bits == 16 ? 65536 : 0, PERCENTS);
            org.junit.jupiter.api.Assertions.assertArrayEquals(whole, split, "bits " + bits);
        }
    }

    @Test
    void aSplitPassNamesTheFirstNonFiniteValueOfTheWholeImage() {
        float[] data = new float[40];
        data[33] = Float.NaN;
        data[25] = Float.NEGATIVE_INFINITY;
        data[38] = Float.NaN;
        List<PlaneAccess> planes = List.of(PlaneAccesses.plane(ArrayImgs.floats(data, 4, 10)));
        NonFiniteValuesException e = assertThrows(NonFiniteValuesException.class,
                () -> PercentileNormalizer.DEFAULT.fit(inParts(planes, 2), 0));
        assertEquals(3, e.count());
        assertTrue(e.getMessage().contains("x=1, y=6, plane 1"), e.getMessage());
    }
}
