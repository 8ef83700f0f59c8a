package io.github.imagejgan.degrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import io.github.imagejgan.metrics.Psnr;

class JpegArtifactsTest {

    private static final int SIZE = 64;

    @Test
    void lowQualityBlocksAndLosesMoreThanHighQuality() {
        float[] image = texturedGradient();
        float[] poor = new JpegArtifacts(5).apply(image, SIZE, SIZE, 0).image();
        float[] good = new JpegArtifacts(95).apply(image, SIZE, SIZE, 0).image();
        double psnrPoor = Psnr.of(image, poor, 1000);
        double psnrGood = Psnr.of(image, good, 1000);
        assertTrue(psnrGood > psnrPoor + 8, "quality 95: " + psnrGood + " dB, quality 5: " + psnrPoor + " dB");
        // Blocking: jumps across the 8-pixel block borders exceed those inside blocks.
        assertTrue(boundaryJump(poor) > 1.5 * interiorJump(poor), "block borders " + boundaryJump(poor)
                + " vs interior " + interiorJump(poor));
        assertArrayEquals(poor, new JpegArtifacts(5).apply(image, SIZE, SIZE, 9).image(), "deterministic");
        assertThrows(IllegalArgumentException.class, () -> new JpegArtifacts(0));
    }

    private static float[] texturedGradient() {
        Random random = new Random(2);
        float[] image = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                image[y * SIZE + x] = (float) (200 + 8 * x + 5 * y + 40 * random.nextGaussian());
            }
        }
        return image;
    }

    private static double boundaryJump(float[] image) {
        return meanJump(image, true);
    }

    private static double interiorJump(float[] image) {
        return meanJump(image, false);
    }

    private static double meanJump(float[] image, boolean atBorders) {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x + 1 < SIZE; x++) {
                if (((x + 1) % 8 == 0) == atBorders) {
                    sum += Math.abs(image[y * SIZE + x + 1] - image[y * SIZE + x]);
                    n++;
                }
            }
        }
        return sum / n;
    }
}
