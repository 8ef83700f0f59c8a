package io.github.imagejgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.ImagePlus;
import io.github.imagejgan.image.ImageFiles;

class DemoMainTest {

    @Test
    void demoDenoisesTheSampleWithTheShippedModel(@TempDir Path out) throws Exception {
        DemoMain.Result result = DemoMain.run(Path.of("."), out);
        assertTrue(result.network() > result.noisy() + 5, "denoised " + result.network() + " dB vs noisy "
                + result.noisy() + " dB");
        assertTrue(result.network() > result.blurred(), "the model beats a Gaussian blur: " + result.network()
                + " vs " + result.blurred() + " dB");
        ImagePlus denoised = ImageFiles.open(out.resolve("denoised.tif"));
        assertEquals(16, denoised.getBitDepth());
        assertEquals(256, denoised.getWidth());
        assertEquals(4 * 256 + 3 * 4, ImageFiles.open(out.resolve("comparison.png")).getWidth());
    }
}
