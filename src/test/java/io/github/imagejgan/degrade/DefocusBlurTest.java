package io.github.imagejgan.degrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DefocusBlurTest {

    @Test
    void keepsTotalLightAndSpreadsAPointIntoACoreAndAHaze() {
        int n = 65;
        float[] point = new float[n * n];
        point[32 * n + 32] = 1000;
        Degraded d = Degradations.parse("defocus:sigma=1.5,haze=0.4,hazeSigma=8").apply(point, n, n, 0);
        double sum = 0;
        for (float v : d.image()) {
            sum += v;
        }
        assertEquals(1000, sum, 1, "blurring moves light, it does not remove it");
        float centre = d.image()[32 * n + 32];
        float near = d.image()[32 * n + 35];
        float far = d.image()[32 * n + 44];
        assertTrue(centre > near && near > far && far > 0, centre + " > " + near + " > " + far);
        // Without haze, light 12 px away is practically nothing; the haze puts some there.
        float sharpFar = new DefocusBlur(1.5, 0, 8).apply(point, n, n, 0).image()[32 * n + 44];
        assertTrue(far > 100 * sharpFar, "haze reaches far: " + far + " vs " + sharpFar);
        assertEquals("defocus", new DefocusBlur(1, 0.2, 5).describe().get("type"));
        assertThrows(IllegalArgumentException.class, () -> new DefocusBlur(1, 1.5, 5));
    }
}
