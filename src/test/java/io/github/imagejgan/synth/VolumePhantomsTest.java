package io.github.imagejgan.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;

/** The 3D phantoms: nuclei, filaments and membranes under a PSF that is longer along z. */
class VolumePhantomsTest {

    private static final List<VolumePhantom> PHANTOMS = List.of(NucleiVolumePhantom.typical(64, 56, 12),
            FilamentVolumePhantom.typical(64, 56, 12), MembraneVolumePhantom.typical(64, 56, 12));

    @TempDir
    Path dir;

    @Test
    void renderDeterministicallyWithTheirObjectsAboveTheBackground() {
        for (VolumePhantom phantom : PHANTOMS) {
            float[][] a = phantom.render(4);
            assertEquals(12, a.length);
            assertEquals(64 * 56, a[0].length);
            for (int z = 0; z < a.length; z++) {
                assertArrayEquals(a[z], phantom.render(4)[z], phantom.describe() + " slice " + z);
            }
            assertFalse(java.util.Arrays.equals(a[6], phantom.render(5)[6]), "another seed, another scene");
            double min = Double.MAX_VALUE;
            double max = 0;
            for (float[] slice : a) {
                for (float v : slice) {
                    assertTrue(Float.isFinite(v) && v >= 0);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            assertTrue(max > 2 * min + 10, phantom.describe() + ": objects stand out, " + min + ".." + max);
        }
    }

    @Test
    void areBlurrierAlongZThanAcross() {
        for (VolumePhantom phantom : PHANTOMS) {
            float[][] v = phantom.render(6);
            int w = phantom.width();
            double across = 0;
            double along = 0;
            for (int z = 0; z + 1 < v.length; z++) {
                for (int i = 0; i + 1 < v[z].length; i++) {
                    if ((i + 1) % w != 0) {
                        across += Math.pow(v[z][i + 1] - v[z][i], 2);
                    }
                    // Per pixel width: the slices are zStep apart.
                    along += Math.pow((v[z + 1][i] - v[z][i]) / phantom.zStep(), 2);
                }
            }
            assertTrue(along < across, phantom.describe() + ": gradients along z " + along + ", across " + across);
        }
    }

    @Test
    void stacksAreWrittenWithTheirSliceSpacing() throws IOException {
        SyntheticVolumes.write(dir, FilamentVolumePhantom.typical(32, 32, 4), 2, 9);
        ImagePlus stack = IJ.openImage(dir.resolve("volume-001.tif").toString());
        assertEquals(4, stack.getNSlices());
        assertEquals(2.0, stack.getCalibration().pixelDepth, 1e-9);
    }
}
