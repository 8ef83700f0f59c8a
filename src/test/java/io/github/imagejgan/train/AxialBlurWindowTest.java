package io.github.imagejgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.imagejgan.model.ModelDescriptor;

/** The axial part of a 3D PSF for models of neighbouring slices: parsed from the degradation, blurring along z. */
class AxialBlurWindowTest {

    /** Leaves each slice as it is, so that only the axial blur shows. */
    private static final PatchDegradation UNCHANGED = new PatchDegradation() {
        @Override
        public float[] degrade(float[] clean, int channels, int size, long seed) {
            return clean.clone();
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("type", "none");
        }
    };

    @Test
    void theAxialBlurIsTheFirstStepOfADegradation() {
        AxialBlurWindow.Split split = AxialBlurWindow.split("zblur:sigma=2 + gaussian:sigma=5");
        assertEquals(2.0, split.sigma());
        assertEquals("gaussian:sigma=5", split.planes());
        assertEquals(new AxialBlurWindow.Split(0, "gaussian:sigma=5"), AxialBlurWindow.split("gaussian:sigma=5"));
        for (String bad : new String[] { "gaussian:sigma=5 + zblur:sigma=2", "zblur:sigma=0 + gaussian:sigma=5",
            "zblur:sigma=9 + gaussian:sigma=5", "zblur:width=2 + gaussian:sigma=5", "zblur:sigma=2",
            "zblur:sigma=1 + gaussian:sigma=1 | gaussian:sigma=2" }) {
            assertThrows(TrainingSettingsException.class, () -> AxialBlurWindow.split(bad), bad);
        }
    }

    @Test
    void aRampAlongZStaysAndADeltaSpreadsAsTheGaussian() {
        AxialBlurWindow blur = new AxialBlurWindow(1.0, 1, UNCHANGED);
        assertEquals(4, blur.dataHalo(), "the network's slice and three sigmas on each side");
        int[] wide = ModelDescriptor.Tiling.sliceOffsets(4);
        int plane = 2 * 2;
        float[] ramp = new float[wide.length * plane];
        float[] delta = new float[wide.length * plane];
        for (int c = 0; c < wide.length; c++) {
            for (int i = 0; i < plane; i++) {
                ramp[c * plane + i] = 10 + wide[c];
                delta[c * plane + i] = wide[c] == 1 ? 1 : 0;
            }
        }
        float[] blurredRamp = blur.degrade(ramp, wide.length, 2, 1);
        assertEquals(3, blur.inputChannels(wide.length));
        assertEquals(3 * plane, blurredRamp.length, "cut to the network's window of 3 slices");
        // The network's window, restored slice first: offsets 0, -1, +1. A symmetric blur keeps a linear ramp.
        assertArrayEquals(new float[] { 10, 10, 10, 10, 9, 9, 9, 9, 11, 11, 11, 11 }, blurredRamp, 1e-5f);
        float[] spread = blur.degrade(delta, wide.length, 2, 1);
        double sum = 0;
        for (int d = -3; d <= 3; d++) {
            sum += Math.exp(-d * d / 2.0);
        }
        assertEquals(Math.exp(-0.5) / sum, spread[0], 1e-6, "the restored slice, one slice from the bright one");
        assertEquals(Math.exp(-2.0) / sum, spread[plane], 1e-6, "the slice below it, two away");
        assertEquals(1 / sum, spread[2 * plane], 1e-6, "the bright slice itself");
        assertTrue(blur.describe().toString().contains("zblur"));
    }
}
