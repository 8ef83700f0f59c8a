package io.github.imagejgan.degrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
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

    @Test
    void aPatchOnFewLevelsIsTheCropOfAWiderPictureSavedWhole() {
        // The patch spans 20 grey values of the file: the same as saving a picture twice as wide, whose other half
        // reaches far darker and brighter, and cropping the patch back out (8-bit JPEG codes each 8x8 block alone).
        float[] patch = texturedGradient();
        int levels = 20;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : patch) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double scale = levels / (double) (max - min);
        int offset = (JpegArtifacts.ALL_LEVELS - levels) / 2;
        float[] picture = new float[2 * SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            System.arraycopy(patch, y * SIZE, picture, y * 2 * SIZE, SIZE);
            java.util.Arrays.fill(picture, y * 2 * SIZE + SIZE, (y + 1) * 2 * SIZE, min);
        }
        picture[SIZE] = (float) (min - offset / scale);
        picture[2 * SIZE - 1] = (float) (min + (JpegArtifacts.ALL_LEVELS - offset) / scale);
        float[] whole = new JpegArtifacts(75).apply(picture, 2 * SIZE, SIZE, 0).image();
        float[] alone = new JpegArtifacts(75, levels).apply(patch, SIZE, SIZE, 0).image();
        float[] crop = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            System.arraycopy(whole, y * 2 * SIZE, crop, y * SIZE, SIZE);
        }
        assertArrayEquals(crop, alone, 1e-3f * (max - min));
        // On few levels the same patch loses far more than stretched over the whole 8 bits.
        float[] stretched = new JpegArtifacts(75).apply(patch, SIZE, SIZE, 0).image();
        double psnrFew = Psnr.of(patch, alone, max - min);
        double psnrAll = Psnr.of(patch, stretched, max - min);
        assertTrue(psnrAll > psnrFew + 3, "255 levels: " + psnrAll + " dB, " + levels + " levels: " + psnrFew + " dB");
        assertEquals(new JpegArtifacts(75), new JpegArtifacts(75, JpegArtifacts.ALL_LEVELS));
        assertEquals(new JpegArtifacts(75, levels), Degradations.parse("jpeg:quality=75,levels=20"));
        assertEquals(Map.of("type", "jpeg", "quality", 75), new JpegArtifacts(75).describe());
        assertEquals(Map.of("type", "jpeg", "quality", 75, "levels", 20), new JpegArtifacts(75, 20).describe());
        assertThrows(IllegalArgumentException.class, () -> new JpegArtifacts(75, 0));
        assertThrows(IllegalArgumentException.class, () -> new JpegArtifacts(75, 256));
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
