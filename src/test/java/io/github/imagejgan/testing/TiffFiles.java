package io.github.imagejgan.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Hand-made grey-scale TIFFs (little-endian, directory before the pixels), as tests of damaged and hostile files need
 * them: any declared size, uncompressed or with deflate-compressed strips, and files cut short after writing.
 */
public final class TiffFiles {

    private static final int NONE = 1;
    /** TIFF's value for Adobe deflate compression, which ImageJ reads. */
    private static final int DEFLATE = 8;
    private static final int SAMPLE_FORMAT_FLOAT = 3;

    private TiffFiles() {
    }

    /**
     * One uncompressed strip whose header declares the whole image, followed by {@code pixels}: fewer bytes than
     * declared make a short file, none at all a bare header.
     */
    public static Path uncompressed(Path file, int width, int height, int bitsPerSample, byte[] pixels)
            throws IOException {
        long declared = (long) width * height * bitsPerSample / 8;
        return Files.write(file, tiff(width, height, bitsPerSample, NONE, height, List.of(pixels),
                new long[] { declared }));
    }

    /**
     * Strips of {@code rows} rows each, every one deflate-compressed on its own.
     *
     * @param pixels the raw pixel bytes (little-endian) the strips are made from, of any length: a hostile file
     *            declares far more pixels than it holds
     */
    public static Path deflated(Path file, int width, int height, int bitsPerSample, int rows, byte[] pixels)
            throws IOException {
        List<byte[]> strips = new ArrayList<>();
        long stripBytes = Math.max(1, (long) width * rows * bitsPerSample / 8);
        for (int start = 0; start < pixels.length; start += (int) Math.min(stripBytes, pixels.length)) {
            strips.add(deflate(Arrays.copyOfRange(pixels, start, (int) Math.min(pixels.length, start + stripBytes))));
        }
        return Files.write(file, tiff(width, height, bitsPerSample, DEFLATE, rows, strips,
                strips.stream().mapToLong(s -> s.length).toArray()));
    }

    /** Keeps only the first {@code bytes} bytes of a file, as an interrupted copy does. */
    public static Path truncate(Path file, int bytes) throws IOException {
        return Files.write(file, Arrays.copyOf(Files.readAllBytes(file), bytes));
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] tiff(int width, int height, int bitsPerSample, int compression, int rows,
            List<byte[]> strips, long[] counts) {
        int n = strips.size();
        int entries = bitsPerSample == 32 ? 10 : 9;
        int ifd = 8;
        // Offset and count arrays follow the directory; with a single strip the values sit in the entries instead.
        int arrays = ifd + 2 + entries * 12 + 4;
        int data = arrays + (n == 1 ? 0 : 8 * n);
        ByteBuffer b = ByteBuffer.allocate(data + strips.stream().mapToInt(s -> s.length).sum())
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
        b.putShort((short) entries);
        entry(b, 256, 4, 1, width);
        entry(b, 257, 4, 1, height);
        entry(b, 258, 3, 1, bitsPerSample);
        entry(b, 259, 3, 1, compression);
        entry(b, 262, 3, 1, 1);
        entry(b, 273, 4, n, n == 1 ? data : arrays);
        entry(b, 277, 3, 1, 1);
        entry(b, 278, 4, 1, rows);
        entry(b, 279, 4, n, n == 1 ? (int) counts[0] : arrays + 4 * n);
        if (bitsPerSample == 32) {
            entry(b, 339, 3, 1, SAMPLE_FORMAT_FLOAT);
        }
        b.putInt(0);
        int offset = data;
        for (int i = 0; i < n && n > 1; i++) {
            b.putInt(arrays + 4 * i, offset);
            b.putInt(arrays + 4 * n + 4 * i, (int) counts[i]);
            offset += strips.get(i).length;
        }
        b.position(data);
        strips.forEach(b::put);
        return b.array();
    }

    /** A directory entry; a single SHORT value sits in the first two bytes of the value field. */
    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3 && count == 1) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }
}
