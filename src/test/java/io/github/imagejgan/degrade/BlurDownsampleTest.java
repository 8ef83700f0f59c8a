package io.github.imagejgan.degrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlurDownsampleTest {

    @ParameterizedTest(name = "x{0} {1}")
    @CsvSource({ "2,AREA", "2,GAUSSIAN", "4,AREA", "4,GAUSSIAN" })
    void keepsTheMeanAndShrinksTheGrid(int factor, AntiAliasing antiAliasing) {
        int w = 64;
        int h = 48;
        Random random = new Random(5);
        float[] image = new float[w * h];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) (100 + 30 * random.nextGaussian() + i % w);
        }
        Degraded d = new BlurDownsample(factor, antiAliasing, 0).apply(image, w, h, 0);
        assertEquals(w / factor, d.width());
        assertEquals(h / factor, d.height());
        // Area averaging keeps the mean exactly; the Gaussian's mirrored borders may shift it a hair.
        assertEquals(Stats.mean(image), Stats.mean(d.image()), antiAliasing == AntiAliasing.AREA ? 1e-3 : 0.5);
        float[] flat = Stats.constant(w * h, 42);
        for (float v : new BlurDownsample(factor, antiAliasing, 1.5).apply(flat, w, h, 0).image()) {
            assertEquals(42, v, 1e-3);
        }
    }

    @Test
    void gaussianAntiAliasingRemovesTheAliasOfFineStripes() {
        // Stripes at 0.45 cycles/pixel lie above the new Nyquist frequency (0.25) and fold back to 0.1 when every
        // second pixel is simply taken.
        int w = 128;
        int h = 8;
        float[] stripes = new float[w * h];
        float[] naive = new float[w / 2 * h / 2];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                stripes[y * w + x] = (float) Math.cos(2 * Math.PI * 0.45 * x);
            }
        }
        for (int y = 0; y < h / 2; y++) {
            for (int x = 0; x < w / 2; x++) {
                naive[y * w / 2 + x] = stripes[2 * y * w + 2 * x];
            }
        }
        double aliasNaive = Math.sqrt(Stats.variance(naive));
        double aliasArea = Math.sqrt(Stats.variance(new BlurDownsample(2, AntiAliasing.AREA, 0).apply(stripes, w, h,
                0).image()));
        double aliasGaussian = Math.sqrt(Stats.variance(new BlurDownsample(2).apply(stripes, w, h, 0).image()));
        assertTrue(aliasNaive > 0.6, "plain decimation aliases: " + aliasNaive);
        assertEquals(0.156 / Math.sqrt(2), aliasArea, 0.02, "area averaging leaks |sin(0.9 pi)/(2 sin(0.45 pi))|");
        assertTrue(aliasGaussian < 0.01, "Gaussian anti-aliasing leaves " + aliasGaussian);
    }

    @Test
    void describesItselfAndRejectsBadSizes() {
        BlurDownsample x4 = new BlurDownsample(4, AntiAliasing.GAUSSIAN, 1);
        assertEquals("blur-downsample", x4.describe().get("type"));
        assertEquals(4, x4.describe().get("factor"));
        assertEquals(2.0, x4.describe().get("antiAliasingSigma"));
        assertEquals("gaussian", x4.describe().get("antiAliasing"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x4.apply(new float[30 * 30],
                30, 30, 0));
        assertTrue(e.getMessage().contains("multiples of 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BlurDownsample(1));
    }
}
