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
    void shortDemoWritesImagesAndBeatsTheNoisyInput(@TempDir Path out) throws Exception {
        DemoMain.Result result = DemoMain.run(out, 60);
        assertTrue(result.network() > result.noisy() + 3, "denoised " + result.network() + " dB vs noisy "
                + result.noisy() + " dB");
        ImagePlus denoised = ImageFiles.open(out.resolve("denoised.tif"));
        assertEquals(16, denoised.getBitDepth());
        assertEquals(512, denoised.getWidth());
        ImagePlus png = ImageFiles.open(out.resolve("comparison.png"));
        assertEquals(3 * 256 + 2 * 4, png.getWidth());
    }
}
