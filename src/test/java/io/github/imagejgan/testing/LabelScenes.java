package io.github.imagejgan.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

/**
 * Tiny label-to-image pairs for synthesis tests: 8-bit label images of disks (class 1) and bars (class 2) on
 * background 0, and 16-bit "fluorescence" images of them (disks bright, bars dim, textured by seeded noise).
 */
public final class LabelScenes {

    private LabelScenes() {
    }

    /** The label image of scene {@code seed}. */
    public static ImagePlus labels(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ByteProcessor ids = new ByteProcessor(size, size);
        for (int i = 0; i < 3; i++) {
            int cx = random.nextInt(size);
            int cy = random.nextInt(size);
            int r = 3 + random.nextInt(size / 6);
            for (int y = Math.max(0, cy - r); y < Math.min(size, cy + r + 1); y++) {
                for (int x = Math.max(0, cx - r); x < Math.min(size, cx + r + 1); x++) {
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                        ids.set(x, y, 1);
                    }
                }
            }
        }
        int bar = random.nextInt(size - 4);
        for (int y = bar; y < bar + 4; y++) {
            for (int x = 0; x < size; x++) {
                ids.set(x, y, 2);
            }
        }
        return new ImagePlus("labels-" + seed, ids);
    }

    /** The real image of a label image: grey 100, bars 400, disks 1000, with noise of the given seed. */
    public static ImagePlus image(ImagePlus labels, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int w = labels.getWidth();
        int h = labels.getHeight();
        FloatProcessor image = new FloatProcessor(w, h);
        float[] levels = { 100, 1000, 400 };
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setf(x, y, levels[labels.getProcessor().get(x, y)] + (float) (60 * random.nextGaussian()));
            }
        }
        return new ImagePlus("image-" + seed, image.convertToShortProcessor(false));
    }

    /** Writes {@code count} pairs as {@code labels/scene-i.tif} and {@code images/scene-i.tif} under {@code dir}. */
    public static void write(Path dir, int count, int size) throws IOException {
        Files.createDirectories(dir.resolve("labels"));
        Files.createDirectories(dir.resolve("images"));
        for (int i = 0; i < count; i++) {
            ImagePlus labels = labels(size, i + 1);
            IJ.saveAsTiff(labels, dir.resolve("labels").resolve("scene-" + i + ".tif").toString());
            IJ.saveAsTiff(image(labels, i + 100), dir.resolve("images").resolve("scene-" + i + ".tif").toString());
        }
    }
}
