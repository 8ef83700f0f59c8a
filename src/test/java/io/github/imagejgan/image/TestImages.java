package io.github.imagejgan.image;

import java.util.Random;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;

/** Random ImageJ images of every supported type, for round-trip tests. */
final class TestImages {

    private TestImages() {
    }

    /** A hyperstack of random pixels over the full value range of its type (for RGB, each colour byte). */
    static ImagePlus random(int bitDepth, int w, int h, int c, int z, int t, long seed) {
        ImagePlus imp = IJ.createHyperStack("random-" + bitDepth, w, h, c, z, t, bitDepth);
        Random random = new Random(seed);
        ImageStack stack = imp.getStack();
        for (int i = 1; i <= stack.getSize(); i++) {
            Object pixels = stack.getPixels(i);
            if (pixels instanceof byte[] b) {
                random.nextBytes(b);
            } else if (pixels instanceof short[] s) {
                for (int k = 0; k < s.length; k++) {
                    s[k] = (short) random.nextInt(65536);
                }
            } else if (pixels instanceof float[] f) {
                for (int k = 0; k < f.length; k++) {
                    f[k] = (float) (random.nextGaussian() * 1000);
                }
            } else if (pixels instanceof int[] rgb) {
                for (int k = 0; k < rgb.length; k++) {
                    rgb[k] = 0xff000000 | random.nextInt(1 << 24);
                }
            }
        }
        return imp;
    }

    /** A float plane with a smooth pattern plus noise, so that networks and blending have structure to work on. */
    static ImagePlus pattern(int w, int h, int c, long seed) {
        ImagePlus imp = IJ.createHyperStack("pattern", w, h, c, 1, 1, 32);
        Random random = new Random(seed);
        for (int ch = 1; ch <= c; ch++) {
            float[] f = (float[]) imp.getStack().getPixels(ch);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    f[y * w + x] = (float) (Math.sin(x * 0.11 * ch) * Math.cos(y * 0.07) + 0.1 * random.nextGaussian());
                }
            }
        }
        return imp;
    }
}
