package io.github.imagejgan.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import io.github.imagejgan.testing.TiffFiles;

class ImageFilesTest {

    @TempDir
    Path dir;

    @Test
    void tiffRoundTripKeepsBitDepthLayoutAndCalibration() throws IOException {
        ImagePlus imp = TestImages.random(16, 13, 9, 2, 3, 1, 1);
        imp.setDimensions(2, 3, 1);
        imp.getCalibration().pixelWidth = 0.25;
        imp.getCalibration().setUnit("micron");
        Path file = dir.resolve("stack.tif");
        ImageFiles.saveTiff(imp, file);
        ImagePlus back = ImageFiles.open(file);
        assertEquals(16, back.getBitDepth());
        assertEquals(2, back.getNChannels());
        assertEquals(3, back.getNSlices());
        assertEquals(0.25, back.getCalibration().pixelWidth, 1e-9);
        assertEquals("micron", back.getCalibration().getXUnit());
        for (int i = 1; i <= imp.getStackSize(); i++) {
            assertArrayEquals((short[]) imp.getStack().getPixels(i), (short[]) back.getStack().getPixels(i));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file may be left behind");
        }
    }

    @Test
    void unreadableFilesGiveClearErrors() throws IOException {
        IOException missing = assertThrows(IOException.class, () -> ImageFiles.open(dir.resolve("none.tif")));
        assertTrue(missing.getMessage().contains("No such image file"));
        Path junk = Files.writeString(dir.resolve("junk.tif"), "not an image");
        IOException corrupt = assertThrows(IOException.class, () -> ImageFiles.open(junk));
        assertTrue(corrupt.getMessage().contains("cannot read"), corrupt.getMessage());
    }

    @Test
    void failedWriteLeavesNothingBehind() throws IOException {
        Path blocked = dir.resolve("blocked");
        Files.createDirectory(blocked);
        ImagePlus imp = TestImages.random(8, 4, 4, 1, 1, 1, 1);
        // The target is a non-empty directory: the final rename must fail, and the temp file must go.
        Files.writeString(blocked.resolve("x"), "x");
        assertThrows(IOException.class, () -> ImageFiles.saveTiff(imp, blocked));
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(".")));
        }
    }

    @Test
    void aTruncatedTiffFailsSayingHowMuchIsMissingInsteadOfReadingZeros() throws IOException {
        Path file = dir.resolve("cells.tif");
        ImageFiles.saveTiff(TestImages.random(16, 128, 128, 1, 1, 1, 5), file);
        long whole = Files.size(file);
        TiffFiles.truncate(file, 1000);
        TruncatedImageException e = assertThrows(TruncatedImageException.class, () -> ImageFiles.open(file));
        assertTrue(e.getMessage().startsWith("cells.tif is truncated: 1000 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("incomplete or damaged"), e.getMessage());
        long promised = promised(e);
        assertTrue(promised >= 1000 + 128 * 128 * 2 - 1000 && promised <= whole, e.getMessage());
    }

    @Test
    void aStackCutInItsLastPlaneFailsThoughItsFirstPlaneIsWhole() throws IOException {
        Path file = dir.resolve("stack.tif");
        ImageFiles.saveTiff(TestImages.random(8, 64, 64, 1, 3, 1, 6), file);
        assertEquals(3, ImageFiles.open(file).getStackSize());
        TiffFiles.truncate(file, (int) Files.size(file) - 64 * 64 / 2);
        assertThrows(TruncatedImageException.class, () -> ImageFiles.open(file));
    }

    @Test
    void aCompressedTiffCutInsideItsLastStripFails() throws IOException {
        byte[] pixels = new byte[64 * 64 * 2];
        new Random(7).nextBytes(pixels);
        Path file = TiffFiles.deflated(dir.resolve("deflated.tif"), 64, 64, 16, 16, pixels);
        short[] read = (short[]) ImageFiles.open(file).getProcessor().getPixels();
        ByteBuffer expected = ByteBuffer.wrap(pixels).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < read.length; i++) {
            assertEquals(expected.getShort(), read[i], "the hand-made TIFF reads back whole, pixel " + i);
        }
        long whole = Files.size(file);
        TiffFiles.truncate(file, (int) whole - 100);
        TruncatedImageException e = assertThrows(TruncatedImageException.class, () -> ImageFiles.open(file));
        assertEquals(whole, promised(e), "the last strip ends where the whole file did");
    }

    @Test
    void aTiffDeclaringMoreThanTheHeapFailsBeforeReadingAndNamesTheXmxToUse() throws IOException {
        // The whole file is a few hundred bytes; its one compressed strip would inflate to 7.9 GiB of floats.
        Path file = TiffFiles.deflated(dir.resolve("bomb.tif"), 46000, 46000, 32, 46000, new byte[4096]);
        assertTrue(Files.size(file) < 1000);
        ImageTooLargeException e = assertThrows(ImageTooLargeException.class, () -> ImageFiles.open(file));
        assertTrue(e.getMessage().startsWith("bomb.tif declares 46000 × 46000 pixels × 1 plane (7.9 GiB)"),
                e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*needs about 15\\.8 GiB.*-Xmx\\d+g.*"), e.getMessage());
    }

    @Test
    void aPngDeclaringMoreThanTheHeapFailsBeforeReading() throws IOException {
        Path file = dir.resolve("bomb.png");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "png", file.toFile());
        Files.write(file, withPngSize(Files.readAllBytes(file), 46000, 46000));
        ImageTooLargeException e = assertThrows(ImageTooLargeException.class, () -> ImageFiles.open(file));
        assertTrue(e.getMessage().startsWith("bomb.png declares 46000 × 46000 pixels"), e.getMessage());
    }

    private static long promised(TruncatedImageException e) {
        Matcher m = Pattern.compile("promises (\\d+)").matcher(e.getMessage());
        assertTrue(m.find(), e.getMessage());
        return Long.parseLong(m.group(1));
    }

    /** A PNG whose header chunk (IHDR, right after the signature) declares another size, with its checksum redone. */
    private static byte[] withPngSize(byte[] png, int width, int height) {
        ByteBuffer b = ByteBuffer.wrap(png);
        b.putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        b.putInt(29, (int) crc.getValue());
        return png;
    }
}
