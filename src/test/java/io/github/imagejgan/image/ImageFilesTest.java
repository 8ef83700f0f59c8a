package io.github.imagejgan.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;

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
}
