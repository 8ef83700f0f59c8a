package io.github.imagejgan.metrics.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.ImagePlusImages;

class NetworkInputTest {

    @Test
    void grayPlanesArePercentileNormalizedAndReplicatedIntoThreeChannels() {
        ImagePlus imp = IJ.createImage("gray", "16-bit black", 40, 30, 1);
        Random random = new Random(1);
        for (int i = 0; i < 40 * 30; i++) {
            imp.getProcessor().set(i, 200 + random.nextInt(3000));
        }
        float[] input = NetworkInput.gray(ImagePlusImages.wrap(imp).plane(0, 0, 0), 71);
        int n = 71 * 71;
        assertEquals(3 * n, input.length);
        float[] red = Arrays.copyOfRange(input, 0, n);
        assertArrayEquals(red, Arrays.copyOfRange(input, n, 2 * n));
        assertArrayEquals(red, Arrays.copyOfRange(input, 2 * n, 3 * n));
        double min = 1;
        double max = 0;
        for (float v : input) {
            assertTrue(v >= 0 && v <= 1, "in [0, 1]: " + v);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(min < 0.1 && max > 0.9, "the percentiles span the range: " + min + ".." + max);
    }

    @Test
    void intensityScaleAndOffsetDoNotMatter() {
        Random random = new Random(2);
        float[] pixels = new float[71 * 71];
        float[] scaled = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
            scaled[i] = 1000 + 40 * pixels[i];
        }
        float[] a = NetworkInput.gray(plane(pixels, 71, 71), 71);
        float[] b = NetworkInput.gray(plane(scaled, 71, 71), 71);
        assertArrayEquals(a, b, 1e-4f);
    }

    @Test
    void colourImagesKeepTheirColours() {
        ColorProcessor cp = new ColorProcessor(50, 50);
        cp.setColor(new java.awt.Color(255, 0, 51));
        cp.fill();
        HyperImage<?> rgb = ImagePlusImages.wrap(new ImagePlus("rgb", cp));
        float[] input = NetworkInput.rgb(rgb.channelPlanes(0, 0), 71);
        int n = 71 * 71;
        for (int i = 0; i < n; i++) {
            assertEquals(1f, input[i], 1e-6f);
            assertEquals(0f, input[n + i], 1e-6f);
            assertEquals(0.2f, input[2 * n + i], 1e-6f);
        }
    }

    @Test
    void shrinkingAveragesInsteadOfAliasing() {
        // A one-pixel checkerboard halved: sampling would keep black or white, averaging gives grey everywhere.
        float[] board = new float[142 * 142];
        for (int y = 0; y < 142; y++) {
            for (int x = 0; x < 142; x++) {
                board[y * 142 + x] = (x + y) % 2;
            }
        }
        float[] input = NetworkInput.gray(plane(board, 142, 142), 71);
        for (int i = 0; i < 71 * 71; i++) {
            assertEquals(0.5f, input[i], 0.1f, "pixel " + i);
        }
    }

    private static io.github.imagejgan.image.PlaneAccess plane(float[] pixels, int w, int h) {
        return ImagePlusImages.wrap(new ImagePlus("p", new FloatProcessor(w, h, pixels))).plane(0, 0, 0);
    }
}
