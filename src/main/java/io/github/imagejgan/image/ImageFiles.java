package io.github.imagejgan.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;

/**
 * Reading and writing image files through ij.jar (TIFF, PNG, JPEG, DICOM, ... whatever ImageJ 1.x opens). Files are
 * written to a temporary file beside the target and renamed into place, so a reader never sees a half-written image
 * and an interrupted run leaves no corrupt output.
 */
public final class ImageFiles {

    /** File endings ImageJ opens as images; other files (notes, hidden files) are ignored in folders. */
    public static final Set<String> IMAGE_ENDINGS = Set.of(".tif", ".tiff", ".png", ".jpg", ".jpeg", ".bmp",
            ".gif", ".dcm", ".pgm", ".fits");

    private ImageFiles() {
    }

    /** Whether the file name looks like an image ImageJ opens (by its ending; hidden files are not). */
    public static boolean isImageName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return !name.startsWith(".") && dot > 0 && IMAGE_ENDINGS.contains(name.substring(dot));
    }

    /** The TIFF name an output of {@code input} takes: its name with the extension replaced by {@code .tif}. */
    public static String tiffName(Path input) {
        String name = input.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name) + ".tif";
    }

    /** The image files directly in a folder (not in sub-folders), sorted by name. */
    public static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("No such folder: " + folder);
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).filter(ImageFiles::isImageName).sorted().toList();
        }
    }

    /**
     * Opens an image file, failing with a clear message for missing or unreadable files.
     *
     * @throws TruncatedImageException if the file ends before the pixels its header promises
     * @throws ImageTooLargeException if the image does not fit in the memory the run has left
     */
    public static ImagePlus open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("No such image file: " + file);
        }
        checkHeader(file);
        ImagePlus imp;
        try {
            imp = IJ.openImage(file.toAbsolutePath().toString());
        } catch (OutOfMemoryError e) {
            // NB: the half-read image is garbage once this frame is left, so the run can go on with other files.
            throw HeapBudget.outOfMemory(file);
        } catch (RuntimeException e) {
            // ImageJ's readers trust headers: sizes beyond an int end in exceptions that name no file.
            throw new IOException("ImageJ cannot read " + file + " as an image (unsupported or corrupt file: " + e
                    + ").", e);
        }
        if (imp == null) {
            throw new IOException("ImageJ cannot read " + file + " as an image (unsupported or corrupt file).");
        }
        return imp;
    }

    /**
     * What can be known before reading pixels: ImageJ zero-fills the missing end of a short TIFF, and runs out of
     * memory on a header that declares more than the heap holds.
     */
    private static void checkHeader(Path file) throws IOException {
        Optional<TiffLayout> tiff = TiffLayout.read(file);
        if (tiff.isPresent()) {
            long size = Files.size(file);
            long promised = tiff.get().dataEnd();
            if (promised > size) {
                throw new TruncatedImageException(file.getFileName() + " is truncated: " + size + " bytes, but its "
                        + "header promises " + promised + "; the file is incomplete or damaged (copy or export it "
                        + "again).");
            }
            HeapBudget.check(file, tiff.get().declaredSize());
        } else {
            ImageIoHeader.read(file).ifPresent(declared -> HeapBudget.check(file, declared));
        }
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
