package io.github.imagejgan.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagejgan.spark.TestSupport.Result;

import ij.ImagePlus;
import ij.measure.Calibration;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.ResidualDenoiserSpec;
import io.github.imagejgan.nn.ResidualSrSpec;
import io.github.imagejgan.nn.UNetSpec;

/** One image block by block on Spark: the command line's tiled result, and TIFF to OME-Zarr and back unchanged. */
class ZarrJobTest extends SparkTestBase {

    @TempDir
    Path dir;

    private static void assertSamePixels(ImagePlus expected, ImagePlus actual) {
        assertEquals(expected.getWidth(), actual.getWidth());
        assertEquals(expected.getHeight(), actual.getHeight());
        assertEquals(expected.getNChannels(), actual.getNChannels());
        assertEquals(expected.getNSlices(), actual.getNSlices());
        assertEquals(expected.getNFrames(), actual.getNFrames());
        assertEquals(expected.getBitDepth(), actual.getBitDepth());
        for (int i = 1; i <= expected.getStackSize(); i++) {
            Object a = expected.getStack().getPixels(i);
            Object b = actual.getStack().getPixels(i);
            if (a instanceof float[] f) {
                assertArrayEquals(f, (float[]) b, "plane " + i);
            } else {
                assertArrayEquals((short[]) a, (short[]) b, "plane " + i);
            }
        }
    }

    @Test
    void aVolumeDenoisedBlockByBlockEqualsTheTiledCommandLineResult() throws IOException {
        Path model = TestSupport.untrainedModel(dir.resolve("denoise-untrained.zip"), new ResidualDenoiserSpec(1, 4, 2),
                ModelTask.DENOISE, 5);
        // NB: a share given as a number blends each block with its noisy pixels as a whole-image run does.
        assertBlockwiseEqualsCommandLine("denoise", model, TestSupport.image(101, 75, 1, 3, 1, 7), "float", "0.5");
    }

    @Test
    void superResolutionOfTwoChannelsBlockByBlockEqualsTheCommandLineResult() throws IOException {
        Path model = TestSupport.untrainedModel(dir.resolve("sr-untrained.zip"), new ResidualSrSpec(1, 4, 1, 2),
                ModelTask.SUPER_RESOLUTION, 9);
        assertBlockwiseEqualsCommandLine("sr", model, TestSupport.image(57, 43, 2, 1, 1, 8), "same", "1");
    }

    @Test
    void aDenoiserWithANoiseMapBlockByBlockEqualsTheCommandLineResult() throws IOException {
        // Each plane's map comes from its own noise, measured before the blocks as a whole-image run measures it.
        Path model = TestSupport.untrainedModel(dir.resolve("map-untrained.zip"), new UNetSpec(2, 1, 2, 4, true,
                false, false, true), ModelTask.DENOISE, 6);
        assertBlockwiseEqualsCommandLine("denoise", model, TestSupport.image(70, 50, 2, 2, 1, 9), "float", "1");
    }

    /**
     * The Spark job over Zarr blocks gives the pixels of the command line over the whole TIFF, both at the strength
     * given: block by block a strength cannot be fitted on the whole image, so the comparison takes a number.
     */
    private void assertBlockwiseEqualsCommandLine(String command, Path model, ImagePlus image, String type,
            String strength) throws IOException {
        Path tiff = TestSupport.save(image, dir.resolve("in/volume.tif"));
        Result reference = TestSupport.cli(command, "--model", model.toString(), "--device", "cpu", "--tile", "32",
                "--output-type", type, "--strength", strength, "--out", dir.resolve("cli").toString(),
                tiff.toString());
        assertEquals(0, reference.code(), reference.err());
        Path zarr = dir.resolve("volume.zarr");
        Result converted = sparkCli("tiff-to-zarr", "--chunk", "16", tiff.toString(), zarr.toString());
        assertEquals(0, converted.code(), converted.err());
        Path result = dir.resolve("result.zarr");
        Result r = sparkCli(command, "--model", model.toString(), "--device", "cpu", "--tile", "32",
                "--output-type", type, "--strength", strength, "--block", "32", "--out", result.toString(),
                zarr.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(" blocks written"), r.out());
        Path back = dir.resolve("result.tif");
        Result out = sparkCli("zarr-to-tiff", result.toString(), back.toString());
        assertEquals(0, out.code(), out.err());
        assertSamePixels(TestSupport.open(dir.resolve("cli/volume.tif")), TestSupport.open(back));
    }

    @Test
    void aTiffConvertedToOmeZarrOnHadoopAndBackKeepsPixelsLayoutAndCalibration() throws IOException {
        ImagePlus image = TestSupport.image(70, 45, 2, 3, 2, 11);
        Calibration cal = image.getCalibration();
        cal.pixelWidth = 0.25;
        cal.pixelHeight = 0.25;
        cal.pixelDepth = 1.5;
        cal.setUnit("micron");
        Path tiff = TestSupport.save(image, dir.resolve("hyperstack.tif"));
        // NB: the Zarr image and the TIFF it becomes again lie on a file system reached through Hadoop's API.
        String zarr = "shared://" + dir.resolve("hyperstack.zarr");
        assertEquals(0, sparkCli("tiff-to-zarr", "--chunk", "32", tiff.toString(), zarr).code());
        ZarrImage omeZarr = ZarrImage.open(zarr);
        assertArrayEquals(new long[] { 2, 2, 3, 45, 70 }, omeZarr.array().shape());
        Path back = dir.resolve("back.tif");
        assertEquals(0, sparkCli("zarr-to-tiff", zarr, "shared://" + back).code());
        ImagePlus reread = TestSupport.open(back);
        assertSamePixels(TestSupport.open(tiff), reread);
        assertEquals(0.25, reread.getCalibration().pixelWidth, 1e-12);
        assertEquals(1.5, reread.getCalibration().pixelDepth, 1e-12);
        assertEquals("micron", reread.getCalibration().getUnit());
    }
}
