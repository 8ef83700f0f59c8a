package io.github.imagejgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.imagejgan.image.PlaneAccesses;
import net.imglib2.img.array.ArrayImgs;

class NormalizedComparisonTest {

    @Test
    void matchesNumpyReimplementationOfTheQualityControl() {
        // numpy: lo, hi = percentile(ref, [0.1, 99.9]); g = (ref - lo) / (hi - lo); a, b = least squares of test
        // onto g (population covariances); p = a * test + b; skimage psnr/ssim(g, p, data_range=1); rmse of g - p.
        ReferenceImages.Case c = ReferenceImages.b();
        NormalizedComparison.Result r = NormalizedComparison.QUALITY_CONTROL.compare(c.reference(), c.test(),
                c.width(), c.height());
        assertEquals(0.0, r.truthRange().low(), 1e-12);
        assertEquals(198.23300000000006, r.truthRange().high(), 1e-9);
        assertEquals(0.006653694068219859, r.scale(), 1e-12);
        assertEquals(-0.06154037379298094, r.offset(), 1e-10);
        assertEquals(27.827994367748346, r.psnr(), 1e-8);
        assertEquals(0.9899958090736445, r.ssim(), 1e-9);
        assertEquals(0.0406069416675957, r.nrmse(), 1e-10);
    }

    @Test
    void anAffineCopyOfTheTruthIsPerfect() {
        ReferenceImages.Case c = ReferenceImages.b();
        float[] prediction = new float[c.reference().length];
        for (int i = 0; i < prediction.length; i++) {
            prediction[i] = 3 * c.reference()[i] - 40;
        }
        NormalizedComparison.Result r = NormalizedComparison.QUALITY_CONTROL.compare(
                PlaneAccesses.plane(ArrayImgs.floats(c.reference(), c.width(), c.height())),
                PlaneAccesses.plane(ArrayImgs.floats(prediction, c.width(), c.height())));
        assertEquals(0, r.nrmse(), 1e-6);
        assertEquals(1, r.ssim(), 1e-9);
        assertTrue(r.psnr() > 100, "PSNR " + r.psnr());
        assertEquals(1 / (3 * r.truthRange().high() - 3 * r.truthRange().low()), r.scale(), 1e-9);
    }

    @Test
    void aConstantPredictionIsFittedToTheMean() {
        ReferenceImages.Case c = ReferenceImages.a();
        float[] flat = new float[c.reference().length];
        java.util.Arrays.fill(flat, 7);
        NormalizedComparison.Result r = NormalizedComparison.QUALITY_CONTROL.compare(c.reference(), flat, c.width(),
                c.height());
        assertEquals(0, r.scale());
        assertTrue(r.ssim() < 0.1, "SSIM " + r.ssim());
    }

    @Test
    void rejectsAConstantTruthAndBadPercentiles() {
        float[] flat = new float[16 * 16];
        assertThrows(IllegalArgumentException.class, () -> NormalizedComparison.QUALITY_CONTROL.compare(flat, flat,
                16, 16));
        assertThrows(IllegalArgumentException.class, () -> new NormalizedComparison(50, 10));
    }
}
