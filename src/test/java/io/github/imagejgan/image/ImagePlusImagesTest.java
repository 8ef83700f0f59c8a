package io.github.imagejgan.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ij.ImagePlus;
import ij.VirtualStack;
import ij.measure.Calibration;
import ij.process.ImageProcessor;
import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.RealType;

class ImagePlusImagesTest {

    @ParameterizedTest
    @ValueSource(ints = { 8, 16, 32 })
    void wrapsHyperstackPlanesInImageJOrder(int bitDepth) {
        ImagePlus imp = TestImages.random(bitDepth, 7, 5, 2, 3, 2, 11);
        HyperImage<? extends RealType<?>> image = ImagePlusImages.wrap(imp);
        assertEquals(7, image.width());
        assertEquals(5, image.height());
        assertEquals(2, image.channels());
        assertEquals(3, image.slices());
        assertEquals(2, image.frames());
        RandomAccess<? extends RealType<?>> access = image.xyczt().randomAccess();
        for (int t = 0; t < 2; t++) {
            for (int z = 0; z < 3; z++) {
                for (int c = 0; c < 2; c++) {
                    ImageProcessor ip = imp.getStack().getProcessor(imp.getStackIndex(c + 1, z + 1, t + 1));
                    for (int y = 0; y < 5; y++) {
                        for (int x = 0; x < 7; x++) {
                            access.setPosition(new long[] { x, y, c, z, t });
                            assertEquals(ip.getf(x, y), access.get().getRealFloat(), 0f);
                        }
                    }
                }
            }
        }
    }

    @Test
    void sharesPixelArraysWithTheImagePlus() {
        ImagePlus imp = TestImages.random(16, 4, 3, 1, 2, 1, 3);
        HyperImage<? extends RealType<?>> image = ImagePlusImages.wrap(imp);
        short[] pixels = (short[]) imp.getStack().getPixels(2);
        pixels[5] = 1234;
        RandomAccess<? extends RealType<?>> access = image.xyczt().randomAccess();
        access.setPosition(new long[] { 1, 1, 0, 1, 0 });
        assertEquals(1234, access.get().getRealFloat());
        image.plane(0, 1, 0).writeRow(2, 0, 1, FloatBuffer.wrap(new float[] { 777 }), 0, LinearMap.IDENTITY);
        assertEquals(777, pixels[8]);
    }

    @Test
    void splitsRgbIntoThreeWritableChannels() {
        ImagePlus imp = TestImages.random(24, 3, 2, 1, 2, 1, 5);
        HyperImage<? extends RealType<?>> image = ImagePlusImages.wrap(imp);
        assertEquals(3, image.channels());
        assertEquals(2, image.slices());
        int[] rgb = (int[]) imp.getStack().getPixels(2);
        RandomAccess<? extends RealType<?>> access = image.xyczt().randomAccess();
        for (int c = 0; c < 3; c++) {
            access.setPosition(new long[] { 2, 1, c, 1, 0 });
            assertEquals((rgb[5] >> (16 - 8 * c)) & 0xff, access.get().getRealFloat());
        }
        image.plane(1, 1, 0).writeRow(1, 2, 1, FloatBuffer.wrap(new float[] { 300 }), 0, LinearMap.IDENTITY);
        assertEquals(255, (rgb[5] >> 8) & 0xff, "green clamped to 255, other colours untouched");
    }

    @Test
    void carriesCalibrationAndInfo() {
        ImagePlus imp = TestImages.random(8, 4, 4, 1, 1, 1, 1);
        Calibration cal = imp.getCalibration();
        cal.pixelWidth = 0.2;
        cal.pixelHeight = 0.3;
        cal.setUnit("micron");
        imp.setProperty("Info", "acquired today");
        ImageMetadata md = ImagePlusImages.metadataOf(imp).withXYScale(2);
        ImagePlus out = ImagePlusImages.create(32, 8, 8, 1, 1, 1, md.withTitle("out"));
        assertEquals(0.1, out.getCalibration().pixelWidth, 1e-12);
        assertEquals(0.15, out.getCalibration().pixelHeight, 1e-12);
        assertEquals("micron", out.getCalibration().getXUnit());
        assertEquals("acquired today", out.getProperty("Info"));
        assertEquals("out", out.getTitle());
    }

    @Test
    void rejectsVirtualStacksAndMissingImages(@TempDir Path dir) throws IOException {
        ImageFiles.saveTiff(TestImages.random(8, 4, 4, 1, 1, 1, 1), dir.resolve("a.tif"));
        VirtualStack stack = new VirtualStack(4, 4, null, dir.toString() + "/");
        stack.addSlice("a.tif");
        ImagePlus virtual = new ImagePlus("virtual", stack);
        UnsupportedImageException e = assertThrows(UnsupportedImageException.class,
                () -> ImagePlusImages.wrap(virtual));
        assertTrue(e.getMessage().contains("virtual stack"), e.getMessage());
        UnsupportedImageException none = assertThrows(UnsupportedImageException.class,
                () -> ImagePlusImages.wrap(null));
        assertTrue(none.getMessage().contains("open an image"), none.getMessage());
    }
}
