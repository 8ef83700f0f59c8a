package io.github.imagejgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.github.imagejgan.image.Axis;
import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.ImageMetadata;
import io.github.imagejgan.image.PlaneAccesses;
import net.imglib2.img.array.ArrayImgs;

class SsimTest {

    @Test
    void matchesScikitImageGaussianSsim() {
        for (ReferenceImages.Case c : List.of(ReferenceImages.a(), ReferenceImages.b(), ReferenceImages.c())) {
            assertEquals(c.ssim(), Ssim.of(c.reference(), c.test(), c.width(), c.height(), c.dataRange()), 1e-10,
                    c.width() + "x" + c.height());
        }
    }

    @Test
    void identicalImagesScoreOneAndTheMeasureIsSymmetric() {
        ReferenceImages.Case c = ReferenceImages.b();
        assertEquals(1.0, Ssim.of(c.reference(), c.reference(), c.width(), c.height(), 255), 1e-12);
        assertEquals(Ssim.of(c.reference(), c.test(), c.width(), c.height(), 255), Ssim.of(c.test(), c.reference(),
                c.width(), c.height(), 255), 1e-12);
    }

    @Test
    void moreNoiseLowersSsim() {
        Random random = new Random(4);
        int w = 48;
        float[] clean = new float[w * w];
        for (int i = 0; i < clean.length; i++) {
            clean[i] = (float) (100 + 50 * Math.sin(i % w / 5.0) * Math.cos(i / w / 7.0));
        }
        double previous = 1;
        for (double sigma : new double[] { 2, 8, 32 }) {
            float[] noisy = new float[clean.length];
            for (int i = 0; i < clean.length; i++) {
                noisy[i] = (float) (clean[i] + sigma * random.nextGaussian());
            }
            double s = Ssim.of(clean, noisy, w, w, 255);
            assertTrue(s < previous, "SSIM " + s + " at noise " + sigma + " not below " + previous);
            previous = s;
        }
    }

    @Test
    void sixteenBitPlanesAreReadWithoutConversion() {
        ReferenceImages.Case c = ReferenceImages.a();
        short[] ref = new short[c.reference().length];
        short[] test = new short[ref.length];
        for (int i = 0; i < ref.length; i++) {
            // Offset so that test values below zero stay representable; SSIM depends on differences and the range.
            ref[i] = (short) (c.reference()[i] + 1000);
            test[i] = (short) (c.test()[i] + 1000);
        }
        var refImg = ArrayImgs.unsignedShorts(ref, c.width(), c.height());
        var testImg = ArrayImgs.unsignedShorts(test, c.width(), c.height());
        double expected = Ssim.of(shifted(c.reference()), shifted(c.test()), c.width(), c.height(), 255);
        assertEquals(expected, Ssim.of(PlaneAccesses.plane(refImg), PlaneAccesses.plane(testImg), 255), 1e-12);
    }

    @Test
    void hyperImagesAverageTheirPlanes() {
        ReferenceImages.Case a = ReferenceImages.a();
        float[] ref = new float[2 * a.reference().length];
        float[] test = new float[ref.length];
        System.arraycopy(a.reference(), 0, ref, 0, a.reference().length);
        System.arraycopy(a.reference(), 0, ref, a.reference().length, a.reference().length);
        System.arraycopy(a.test(), 0, test, 0, a.test().length);
        System.arraycopy(a.reference(), 0, test, a.test().length, a.test().length);
        HyperImage<?> r = HyperImage.wrap(ArrayImgs.floats(ref, 16, 16, 2), List.of(Axis.X, Axis.Y, Axis.C),
                ImageMetadata.untitled("r"));
        HyperImage<?> t = HyperImage.wrap(ArrayImgs.floats(test, 16, 16, 2), List.of(Axis.X, Axis.Y, Axis.C),
                ImageMetadata.untitled("t"));
        assertEquals((a.ssim() + 1) / 2, Ssim.of(r, t, 255), 1e-10);
    }

    @Test
    void rejectsImagesSmallerThanTheWindowAndBadRanges() {
        float[] small = new float[10 * 10];
        assertThrows(IllegalArgumentException.class, () -> Ssim.of(small, small, 10, 10, 1));
        float[] ok = new float[11 * 11];
        assertEquals(1.0, Ssim.of(ok, ok, 11, 11, 1), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Ssim.of(ok, ok, 11, 11, -1));
        assertThrows(IllegalArgumentException.class, () -> Ssim.of(ok, new float[12 * 11], 12, 11, 1));
    }

    private static float[] shifted(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] + 1000;
        }
        return out;
    }

}
