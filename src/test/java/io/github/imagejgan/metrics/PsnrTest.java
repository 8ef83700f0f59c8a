package io.github.imagejgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.PlaneAccesses;
import net.imglib2.img.array.ArrayImgs;

class PsnrTest {

    @Test
    void matchesHandComputedValue() {
        // MSE = (1 + 4 + 0 + 9) / 4 = 3.5; PSNR = 10 log10(255^2 / 3.5) = 42.6901 dB.
        float[] a = { 10, 20, 30, 40 };
        float[] b = { 11, 18, 30, 43 };
        assertEquals(42.6901, Psnr.of(a, b, 255), 1e-4);
        assertThrows(IllegalArgumentException.class, () -> Psnr.of(a, new float[3], 1));
        assertThrows(IllegalArgumentException.class, () -> Psnr.of(a, b, 0));
    }

    @Test
    void matchesScikitImage() {
        for (ReferenceImages.Case c : List.of(ReferenceImages.a(), ReferenceImages.b(), ReferenceImages.c())) {
            assertEquals(c.psnr(), Psnr.of(c.reference(), c.test(), c.dataRange()), 1e-9);
        }
    }

    @Test
    void identicalImagesHaveInfinitePsnr() {
        float[] a = { 1, 2, 3 };
        assertEquals(Double.POSITIVE_INFINITY, Psnr.of(a, a.clone(), 1));
    }

    @Test
    void planesAndHyperImagesGiveTheSameAsArrays() {
        ReferenceImages.Case c = ReferenceImages.b();
        double expected = Psnr.of(c.reference(), c.test(), c.dataRange());
        var ref = ArrayImgs.floats(c.reference(), c.width(), c.height());
        var test = ArrayImgs.floats(c.test(), c.width(), c.height());
        assertEquals(expected, Psnr.of(PlaneAccesses.plane(ref), PlaneAccesses.plane(test), c.dataRange()), 1e-12);
        assertEquals(expected, Psnr.of(HyperImage.wrapXY(ref, "ref"), HyperImage.wrapXY(test, "test"),
                c.dataRange()), 1e-12);
    }
}
