package io.github.imagejgan.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The declared size of a PNG, JPEG, GIF or BMP, from the header Java's image readers parse without decoding pixels
 * (ImageJ opens these formats through the same readers).
 */
final class ImageIoHeader {

    /** Decoded through a BufferedImage of up to 32-bit pixels, which ImageJ then copies. */
    private static final int BYTES_PER_PIXEL = 4;

    private ImageIoHeader() {
    }

    /** The size of the first image; empty where no Java reader knows the format or the header does not parse. */
    static Optional<DeclaredSize> read(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return Optional.of(DeclaredSize.of(reader.getWidth(0), reader.getHeight(0), 1, BYTES_PER_PIXEL));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // NB: a header that does not parse is ImageJ's to report when it reads the file.
            return Optional.empty();
        }
    }
}
