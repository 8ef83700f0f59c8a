package io.github.imagejgan.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import io.github.imagejgan.TestModels;
import io.github.imagejgan.testing.BoundedJvm;

/**
 * A 1024 x 1024 x 100 16-bit z-stack (200 MB) goes through a 2.5D or a volumetric (3D) model that sees 5 slices for
 * each one into a 16-bit stack (200 MB) in a JVM limited to 700 MB of heap: room for input, output and tile buffers,
 * none for a float copy of the volume (400 MB) or of every slice's neighbours.
 */
class LargeStackMemoryTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(booleans = { false, true })
    void aLargeZStackRunsThroughAModelOfNeighbouringSlicesInBoundedMemory(boolean volumetric) throws IOException,
            InterruptedException {
        Path model = volumetric ? TestModels.passThroughVolumetric(dir.resolve("volume.zip"), "volume", 2, 512)
                : TestModels.passThroughSlices(dir.resolve("slices.zip"), "slices", 2, 512);
        String log = BoundedJvm.run("700m", LargeStackRun.class, model.toString(), "1024", "100");
        Matcher error = Pattern.compile("max-error (\\d+)").matcher(log);
        assertTrue(error.find(), log);
        assertEquals(0, Integer.parseInt(error.group(1)), "the pass-through model changed sampled pixels:\n" + log);
    }

    /**
     * A 256 x 256 x 32 16-bit stack (4 MB) made isotropic at 4 slices for each (a 32-bit result of 34 MB) in a heap
     * of 160 MB: room for the stack, its 32-bit copy, the result and the views' tiles beside what the JVM and the
     * model take (about 90 MB), none for the resampled volume and both views' results (34 MB each), which the first
     * version held.
     */
    @Test
    void aStackIsMadeIsotropicInBoundedMemory() throws IOException, InterruptedException {
        Path model = TestModels.passThroughIsotropic(dir.resolve("iso.zip"), "iso", 4, 256);
        String log = BoundedJvm.run("160m", IsotropicStackRun.class, model.toString(), "256", "32", "4");
        Matcher error = Pattern.compile("max-relative-error ([0-9.]+)").matcher(log);
        assertTrue(error.find(), log);
        assertTrue(Double.parseDouble(error.group(1)) < 1e-4, "not linear interpolation along z:\n" + log);
    }
}
