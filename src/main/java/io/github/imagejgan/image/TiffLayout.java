package io.github.imagejgan.image;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import ij.io.FileInfo;
import ij.io.TiffDecoder;

/**
 * Where a TIFF's pixels lie and how much memory they take, from its header and image directories alone (ImageJ's
 * own decoder, so the numbers are those ImageJ will read by). ImageJ zero-fills what is missing at the end of a file
 * without a word, so a short file has to be caught from these numbers before it is read.
 */
final class TiffLayout {

    private final FileInfo[] images;

    private TiffLayout(FileInfo[] images) {
        this.images = images;
    }

    /** The layout of a TIFF file; empty for other files, or where the header itself cannot be read. */
    static Optional<TiffLayout> read(Path file) {
        if (!isTiff(file)) {
            return Optional.empty();
        }
        Path absolute = file.toAbsolutePath();
        try {
            FileInfo[] info = new TiffDecoder(absolute.getParent().toString() + File.separator,
                    absolute.getFileName().toString()).getTiffInfo();
            return info == null || info.length == 0 ? Optional.empty() : Optional.of(new TiffLayout(info));
        } catch (IOException | RuntimeException e) {
            // NB: a header ImageJ cannot parse is reported by ImageJ's own reader, which fails on it too.
            return Optional.empty();
        }
    }

    /** The byte just after the last pixel data the directories point to: the least size the file must have. */
    long dataEnd() {
        long end = 0;
        for (FileInfo image : images) {
            end = Math.max(end, dataEnd(image));
        }
        return end;
    }

    /** The memory the pixels of every image take once read. */
    DeclaredSize declaredSize() {
        DeclaredSize size = null;
        for (FileInfo image : images) {
            DeclaredSize one = DeclaredSize.of(image.width, image.height, Math.max(1, image.nImages),
                    memoryBytesPerPixel(image));
            size = size == null ? one : size.plus(one);
        }
        return size;
    }

    private static long dataEnd(FileInfo image) {
        long end = 0;
        // Compressed or not, every strip must be there (offsets and counts are unsigned 32-bit numbers).
        if (image.stripOffsets != null && image.stripLengths != null) {
            for (int i = 0; i < Math.min(image.stripOffsets.length, image.stripLengths.length); i++) {
                end = Math.max(end, Integer.toUnsignedLong(image.stripOffsets[i])
                        + Integer.toUnsignedLong(image.stripLengths[i]));
            }
        }
        // Uncompressed, ImageJ reads its planes as one block from the first offset (stacks it wrote itself describe
        // only their first plane's strips).
        long planeBytes = storedPlaneBytes(image);
        if (image.compression <= FileInfo.COMPRESSION_NONE && planeBytes > 0) {
            long planes = Math.max(1, image.nImages);
            long gaps = DeclaredSize.product(planes - 1, Math.max(0, image.getGap()));
            end = Math.max(end, sum(image.getOffset(), DeclaredSize.product(planes, planeBytes), gaps));
        }
        return end;
    }

    /**
     * A plane's size on disk; 0 where ImageJ's bytes per pixel are not what the file stores (1-, 10-, 12- and 24-bit
     * samples), whose end is left to the strips.
     */
    private static long storedPlaneBytes(FileInfo image) {
        return switch (image.fileType) {
            case FileInfo.BITMAP, FileInfo.GRAY10_UNSIGNED, FileInfo.GRAY12_UNSIGNED, FileInfo.GRAY24_UNSIGNED -> 0;
            default -> DeclaredSize.product(image.width, image.height, image.getBytesPerPixel());
        };
    }

    /** ImageJ holds RGB in one int per pixel; a type it does not name is counted as 32-bit. */
    private static int memoryBytesPerPixel(FileInfo image) {
        int bytes = image.getBytesPerPixel();
        return bytes == 3 || bytes == 0 ? 4 : bytes;
    }

    private static long sum(long... terms) {
        long sum = 0;
        for (long term : terms) {
            sum = term > Long.MAX_VALUE - sum ? Long.MAX_VALUE : sum + term;
        }
        return sum;
    }

    /** "II*\0" or "MM\0*": classic TIFF in either byte order, which is what ImageJ reads. */
    private static boolean isTiff(Path file) {
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(magic, 0, 4) < 4) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        return magic[0] == 'I' && magic[1] == 'I' && magic[2] == 42 && magic[3] == 0
                || magic[0] == 'M' && magic[1] == 'M' && magic[2] == 0 && magic[3] == 42;
    }
}
