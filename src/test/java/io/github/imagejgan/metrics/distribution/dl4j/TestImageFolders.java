package io.github.imagejgan.metrics.distribution.dl4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import ij.IJ;
import ij.ImagePlus;
import io.github.imagejgan.image.ImageFiles;

/** Tiny folders of 16-bit images of two kinds, for running the distribution metrics end to end. */
public final class TestImageFolders {

    private TestImageFolders() {
    }

    /** Smooth blobs, as a "real" microscopy set. */
    public static Path blobs(Path folder, int count, long seed) throws IOException {
        Files.createDirectories(folder);
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            ImagePlus imp = IJ.createImage("blobs" + i, "16-bit black", 48, 48, 1);
            double cx = 12 + random.nextDouble() * 24;
            double cy = 12 + random.nextDouble() * 24;
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 48; x++) {
                    double r2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                    imp.getProcessor().set(x, y, (int) (100 + 3000 * Math.exp(-r2 / 60) + random.nextInt(50)));
                }
            }
            ImageFiles.saveTiff(imp, folder.resolve(String.format("blobs%02d.tif", i)));
        }
        return folder;
    }

    /** Pixel noise, as a "generated" set that went wrong. */
    public static Path noise(Path folder, int count, long seed) throws IOException {
        Files.createDirectories(folder);
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            ImagePlus imp = IJ.createImage("noise" + i, "16-bit black", 40, 40, 1);
            for (int k = 0; k < 40 * 40; k++) {
                imp.getProcessor().set(k, random.nextInt(4000));
            }
            ImageFiles.saveTiff(imp, folder.resolve(String.format("noise%02d.tif", i)));
        }
        return folder;
    }
}
