package io.github.imagejgan.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.imagejgan.degrade.BesselJ1;
import io.github.imagejgan.degrade.OpticalBlur;
import io.github.imagejgan.degrade.PsfShape;

class OpticsTest {

    /** Reference values from scipy.special.j1 (SciPy 1.10.1). */
    @ParameterizedTest(name = "J1({0})")
    @CsvSource({ "0.001,0.0004999999375000026", "0.5,0.24226845767487387", "1,0.44005058574493355",
            "2,0.5767248077568734", "3.8317059702075125,-9.335846914555864e-17", "5,-0.3275791375914653",
            "10,0.04347274616886141", "15,0.20510403861352278", "20.1,0.0828010057602099",
            "25,-0.1253502495802898", "50,-0.09751182812517509", "100,-0.0771453520141123",
            "-3,-0.33905895852593654" })
    void besselJ1MatchesScipy(double x, double expected) {
        assertEquals(expected, BesselJ1.of(x), 1e-14);
    }

    @Test
    void airyPatternHasItsTextbookWidthAndFirstZero() {
        // Half maximum at v = 1.6163, i.e. FWHM = 0.5145 wavelength / NA; first zero at v = 3.8317 (0.61 lambda/NA).
        assertEquals(0.5, AiryPsf.intensity(1.616339948), 1e-8);
        assertEquals(0, AiryPsf.intensity(3.8317059702075125), 1e-20);
        assertEquals(1, AiryPsf.intensity(0), 0);
        // 20 pixels per wavelength/NA: the pixel-integrated kernel keeps those positions to within a pixel.
        AiryPsf psf = new AiryPsf(1.0, 500, 25);
        assertEquals(0.6098 * 20, psf.firstZeroPixels(), 1e-3);
        assertEquals(0.21 * 20, psf.gaussianSigmaPixels(), 1e-12);
        float[] k = psf.kernel();
        int n = psf.kernelSize();
        int c = n / 2;
        double sum = 0;
        for (float v : k) {
            sum += v;
        }
        assertEquals(1, sum, 1e-5);
        float centre = k[c * n + c];
        int halfWidth = 0;
        while (k[c * n + c + halfWidth + 1] > centre / 2) {
            halfWidth++;
        }
        assertEquals(0.5145 * 20, 2 * halfWidth + 1, 1.5);
        int firstMinimum = 1;
        while (k[c * n + c + firstMinimum + 1] < k[c * n + c + firstMinimum]) {
            firstMinimum++;
        }
        assertEquals(psf.firstZeroPixels(), firstMinimum, 1);
        assertEquals(k[c * n + c + 5], k[(c + 5) * n + c], 1e-9, "rotationally symmetric");
    }

    @Test
    void airyAndItsGaussianStandInBlurAlike() {
        AiryPsf airy = new AiryPsf(1.4, 520, 65);
        GaussianPsf gauss = new GaussianPsf(airy.gaussianSigmaPixels());
        int n = 33;
        float[] point = new float[n * n];
        point[16 * n + 16] = 1;
        float[] a = airy.blur(point, n, n);
        float[] g = gauss.blur(point, n, n);
        assertEquals(g[16 * n + 16], a[16 * n + 16], 0.15 * g[16 * n + 16]);
        assertThrows(IllegalArgumentException.class, () -> new AiryPsf(2, 520, 65));
        assertThrows(IllegalArgumentException.class, () -> new AiryPsf(1.4, 520, 0.1));
        assertTrue(airy.describe().containsValue("airy"));
    }

    @Test
    void theDegradationsAiryPatternIsTheMicroscopes() {
        // psf:shape=airy,size=R is the pattern of a microscope whose first dark ring lies R pixels out.
        AiryPsf microscope = new AiryPsf(1.2, 600, 100);
        OpticalBlur blur = new OpticalBlur(PsfShape.AIRY, microscope.firstZeroPixels(), 1, 0);
        assertEquals(microscope.kernelSize(), blur.side());
        assertArrayEquals(microscope.kernel(), blur.kernel(), 1e-6f);
    }
}
