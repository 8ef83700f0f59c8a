package io.github.imagejgan.degrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class OpticalBlurTest {

    /** Second moments of a kernel about its centre: {xx, yy, xy}, in pixels squared. */
    private static double[] moments(float[] kernel, int side) {
        int r = side / 2;
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int y = -r; y <= r; y++) {
            for (int x = -r; x <= r; x++) {
                double w = kernel[(y + r) * side + x + r];
                xx += w * x * x;
                yy += w * y * y;
                xy += w * x * y;
            }
        }
        return new double[] { xx, yy, xy };
    }

    private static double sum(float[] values) {
        return Stats.mean(values) * values.length;
    }

    @Test
    void gaussianIsStretchedAlongItsAngleAndKeepsTheLight() {
        // Along the rows: variance size^2 across x, (size * aspect)^2 down y, plus a pixel's own 1/12 (a little
        // less with 5 samples a pixel: 0.08).
        OpticalBlur rows = new OpticalBlur(PsfShape.GAUSSIAN, 2, 0.25, 0);
        float[] kernel = rows.kernel();
        assertEquals(1, sum(kernel), 1e-5);
        double[] m = moments(kernel, rows.side());
        assertEquals(4.08, m[0], 0.05);
        assertEquals(0.25 + 0.08, m[1], 0.02);
        assertEquals(0, m[2], 1e-6);
        // Turned by 90 degrees the long axis runs down the columns.
        double[] turned = moments(new OpticalBlur(PsfShape.GAUSSIAN, 2, 0.25, 90).kernel(), rows.side());
        assertEquals(m[0], turned[1], 1e-4);
        assertEquals(m[1], turned[0], 1e-4);
        // At 45 degrees counterclockwise on screen the long axis points right and up: x grows as y falls.
        double[] diagonal = moments(new OpticalBlur(PsfShape.GAUSSIAN, 2, 0.25, 45).kernel(), rows.side());
        assertTrue(diagonal[2] < -1.5, "covariance " + diagonal[2]);
        assertEquals(diagonal[0], diagonal[1], 1e-4);

        // A round one blurs as the separable Gaussian filter does, away from the edges.
        int n = 48;
        float[] image = new float[n * n];
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < image.length; i++) {
            image[i] = random.nextInt(1000);
        }
        float[] round = Degradations.parse("psf:shape=gaussian,size=1.5").apply(image, n, n, 0).image();
        float[] separable = Filters.gaussian(image, n, n, Math.sqrt(1.5 * 1.5 + 0.08));
        double worst = 0;
        for (int y = 12; y < n - 12; y++) {
            for (int x = 12; x < n - 12; x++) {
                worst = Math.max(worst, Math.abs(round[y * n + x] - separable[y * n + x]));
            }
        }
        assertTrue(worst < 10, "largest difference " + worst + " of a 0..1000 image");
    }

    @Test
    void airyPatternHasItsDarkRingWhereItsSizeSays() {
        OpticalBlur airy = new OpticalBlur(PsfShape.AIRY, 6, 1, 0);
        float[] kernel = airy.kernel();
        int side = airy.side();
        int c = side / 2;
        assertEquals(2 * (int) Math.ceil(6 * PsfKernels.AIRY_FOURTH_ZERO / PsfKernels.AIRY_FIRST_ZERO) + 1, side);
        assertEquals(1, sum(kernel), 1e-5);
        float centre = kernel[c * side + c];
        float ring = kernel[c * side + c + 6];
        float between = kernel[c * side + c + 8];
        // Integrated over a pixel the first dark ring is not quite black, but far darker than the core and than
        // the first bright ring beyond it.
        assertTrue(ring < 0.005 * centre, ring + " vs " + centre);
        assertTrue(between > 2 * ring, "bright ring " + between + " vs dark ring " + ring);
        assertArrayEquals(new float[] { kernel[c * side + c + 3] }, new float[] { kernel[(c + 3) * side + c] },
                1e-7f, "round");
    }

    @Test
    void defocusDiskIsFlatInsideAndDarkOutside() {
        OpticalBlur disk = new OpticalBlur(PsfShape.DISK, 4, 1, 0);
        float[] kernel = disk.kernel();
        int side = disk.side();
        int c = side / 2;
        assertEquals(9, side, "a pixel centred 5 px away has no point within 4 px of the centre");
        float inside = kernel[c * side + c];
        assertEquals(inside, kernel[c * side + c + 2], 1e-7);
        assertEquals(inside, kernel[(c + 2) * side + c + 2], 1e-7);
        assertEquals(0, kernel[(c + 4) * side + c + 4], 0, "the corner lies outside the disk");
        assertTrue(kernel[c * side + c + 4] > 0 && kernel[c * side + c + 4] < inside, "the rim is partly covered");
        // Stretched across to a quarter: 4 px to each side along the rows, 1 px up and down.
        float[] flat = new OpticalBlur(PsfShape.DISK, 4, 0.25, 0).kernel();
        assertTrue(flat[c * side + c + 4] > 0 && flat[(c + 1) * side + c] > 0, "long axis along the rows");
        for (int x = 0; x < side; x++) {
            assertEquals(0, flat[(c + 2) * side + x], 0, "two rows away from the centre");
            assertEquals(0, flat[(c - 2) * side + x], 0, "two rows away from the centre");
        }
    }

    @Test
    void chainsBeforeDownsamplingAndDescribesItself() {
        Degradation chain = Degradations.parse("psf:shape=airy,size=2.5+blur-downsample:factor=2,antiAliasing=area");
        float[] flat = new float[32 * 32];
        java.util.Arrays.fill(flat, 300);
        Degraded small = chain.apply(flat, 32, 32, 1);
        assertEquals(16, small.width());
        for (float v : small.image()) {
            assertEquals(300, v, 1e-3, "a flat image stays flat");
        }
        Map<String, Object> described = new OpticalBlur(PsfShape.DISK, 3, 0.5, 20).describe();
        assertEquals(Map.of("type", "psf", "shape", "disk", "size", 3.0, "aspect", 0.5, "angle", 20.0), described);
        assertEquals(new OpticalBlur(PsfShape.DISK, 3, 0.5, 20),
                Degradations.parse("psf:shape=disk,size=3,aspect=0.5,angle=20"));
        assertEquals(new OpticalBlur(PsfShape.GAUSSIAN, 1.5, 1, 0), Degradations.parse("psf"));
        float[] image = { 1, 2, 3, 4 };
        assertArrayEquals(image, new OpticalBlur(PsfShape.AIRY, 0, 1, 0).apply(image, 2, 2, 0).image(),
                "size 0 leaves the image as it was");
    }

    @Test
    void rejectsSettingsThatMakeNoPsf() {
        assertThrows(IllegalArgumentException.class, () -> new OpticalBlur(PsfShape.GAUSSIAN, -1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new OpticalBlur(PsfShape.GAUSSIAN, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new OpticalBlur(PsfShape.GAUSSIAN, 1, 1.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new OpticalBlur(PsfShape.AIRY, 1, 1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new OpticalBlur(PsfShape.GAUSSIAN, 80, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new OpticalBlur(null, 1, 1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Degradations.parse("psf:shape=square"));
        assertTrue(e.getMessage().contains("gaussian"), e.getMessage());
    }
}
