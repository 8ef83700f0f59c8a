package io.github.imagejgan.degrade;

import java.util.Map;

import io.github.imagejgan.image.Mirror;
import io.github.imagejgan.image.PlaneAccesses;

/**
 * A colour camera's view of a grey scene, turned back into grey: each pixel samples one colour of a Bayer (RGGB)
 * mosaic, each colour plane is filled in by bilinear interpolation, as a camera or a raw converter does, and the
 * three planes are mixed by their luminance weights (0.299, 0.587, 0.114), as a conversion to grey does. Noise added
 * before it (the samples' own) comes out white where a pixel was sampled and spread where it was interpolated, in a
 * pattern of period two; edges come out a little softer. Which of the four pixels of a 2 x 2 cell holds red is drawn
 * from the seed.
 */
public record Demosaic() implements Degradation {

    public static final String TYPE = "demosaic";

    private static final double[] WEIGHTS = { 0.299, 0.587, 0.114 };

    @Override
    public Degraded apply(float[] image, int width, int height, long seed) {
        PlaneAccesses.requireSize(image, width, height);
        int phase = Math.floorMod(Seeds.random(seed).nextInt(), 4);
        int px = phase & 1;
        int py = phase >> 1;
        float[] result = new float[image.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double value = 0;
                for (int colour = 0; colour < 3; colour++) {
                    value += WEIGHTS[colour] * interpolated(image, width, height, x, y, colour, px, py);
                }
                result[y * width + x] = (float) value;
            }
        }
        return new Degraded(result, width, height);
    }

    /** Colour 0 (red), 1 (green) or 2 (blue) at (x, y): its own sample, else the mean of its nearest samples. */
    private static double interpolated(float[] image, int width, int height, int x, int y, int colour, int px,
            int py) {
        if (colourAt(x, y, px, py) == colour) {
            return image[y * width + x];
        }
        // Bilinear interpolation: a missing colour's nearest samples are its two side neighbours, or its four side
        // or four corner neighbours, never a mix, so their plain mean is the interpolation.
        double sum = 0;
        int count = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                // NB: mirrored without repeating the edge pixel, so a mirrored neighbour keeps its colour.
                int sx = Mirror.reflect(x + dx, width);
                int sy = Mirror.reflect(y + dy, height);
                if (colourAt(sx, sy, px, py) != colour) {
                    continue;
                }
                sum += image[sy * width + sx];
                count++;
            }
        }
        return sum / count;
    }

    /** The colour an RGGB mosaic shifted by (px, py) samples at (x, y). */
    private static int colourAt(int x, int y, int px, int py) {
        boolean evenX = ((x + px) & 1) == 0;
        boolean evenY = ((y + py) & 1) == 0;
        return evenX && evenY ? 0 : (!evenX && !evenY ? 2 : 1);
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", TYPE);
    }
}
