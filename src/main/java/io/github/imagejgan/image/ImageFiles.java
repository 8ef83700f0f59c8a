package io.github.imagejgan.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;

/**
 * Reading and writing image files through ij.jar (TIFF, PNG, JPEG, DICOM, ... whatever ImageJ 1.x opens). Files are
 * written to a temporary file beside the target and renamed into place, so a reader never sees a half-written image
 * and an interrupted run leaves no corrupt output.
 */
public final class ImageFiles {

    private ImageFiles() {
    }

    /** Opens an image file, failing with a clear message for missing or unreadable files. */
    public static ImagePlus open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("No such image file: " + file);
        }
        ImagePlus imp = IJ.openImage(file.toAbsolutePath().toString());
        if (imp == null) {
            throw new IOException("ImageJ cannot read " + file + " as an image (unsupported or corrupt file).");
        }
        return imp;
    }

    /** Saves as TIFF (keeping bit depth, calibration and hyperstack layout), atomically. */
    public static void saveTiff(ImagePlus imp, Path file) throws IOException {
        writeAtomically(file, tmp -> {
            FileSaver saver = new FileSaver(imp);
            return imp.getStackSize() > 1 ? saver.saveAsTiffStack(tmp) : saver.saveAsTiff(tmp);
        });
    }

    /** Saves the current plane as PNG (8-bit or RGB rendering, as ImageJ displays it), atomically. */
    public static void savePng(ImagePlus imp, Path file) throws IOException {
        writeAtomically(file, tmp -> new FileSaver(imp).saveAsPng(tmp));
    }

    @FunctionalInterface
    private interface Saver {
        boolean save(String path);
    }

    private static void writeAtomically(Path file, Saver saver) throws IOException {
        AtomicFiles.write(file, tmp -> {
            if (!saver.save(tmp.toString())) {
                throw new IOException("ImageJ could not write " + file);
            }
        });
    }
}
