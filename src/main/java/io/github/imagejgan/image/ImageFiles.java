package io.github.imagejgan.image;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

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
            return imp.getStackSize() > 1 ? saver.saveAsTiffStack(tmp.toString()) : saver.saveAsTiff(tmp.toString());
        });
    }

    /** Saves the current plane as PNG (8-bit or RGB rendering, as ImageJ displays it), atomically. */
    public static void savePng(ImagePlus imp, Path file) throws IOException {
        writeAtomically(file, tmp -> new FileSaver(imp).saveAsPng(tmp.toString()));
    }

    @FunctionalInterface
    private interface Writer {
        boolean write(Path tmp) throws IOException;
    }

    private static void writeAtomically(Path file, Writer writer) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        // Hidden, unique, and with the extension last: ImageJ's savers pick the format from the name. The saver
        // creates the file itself, so it gets the same permissions as any other file the user writes.
        Path tmp = dir.resolve("." + (dot > 0 ? name.substring(0, dot) : name) + "-" + UUID.randomUUID()
                + (dot > 0 ? name.substring(dot) : ".tmp"));
        try {
            if (!writer.write(tmp) || Files.size(tmp) == 0) {
                throw new IOException("ImageJ could not write " + file);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
