package io.github.imagejgan.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class FluorescencePhantomsTest {

    private static final int SIZE = 160;

    @Test
    void filamentsAreThinWhereNucleiAreNot() {
        FilamentPhantom filaments = FilamentPhantom.typical(SIZE, SIZE);
        float[] image = filaments.render(3);
        double threshold = filaments.background() * 1.3 + 0.3 * filaments.peak();
        double thin = Shapes.thinFraction(image, SIZE, SIZE, threshold, 5);
        assertTrue(thin > 0.85, "thin fraction of bright filament pixels " + thin);
        assertTrue(Shapes.fraction(image, threshold, Double.MAX_VALUE) > 0.02, "filaments cover the field");
        NucleiPhantom nuclei = NucleiPhantom.typical(SIZE, SIZE);
        float[] blobs = nuclei.render(3);
        double nucleiThin = Shapes.thinFraction(blobs, SIZE, SIZE, nuclei.background() * 1.3 + 0.3 * nuclei.peak(),
                5);
        assertTrue(nucleiThin < 0.5, "nuclei are not thin: " + nucleiThin);
    }

    @Test
    void filamentPeakMatchesTheRequestedPhotons() {
        // One long straight-ish filament: its ridge should sit near peak (brightness 0.5..1 of it) above background.
        FilamentPhantom one = new FilamentPhantom(SIZE, SIZE, 1, 400, 1e6, new GaussianPsf(1.2), 10, 100);
        float[] image = one.render(8);
        float max = Shapes.max(image);
        assertTrue(max > 10 + 0.45 * 100 && max < 10 * 1.3 + 1.6 * 100, "ridge " + max);
    }

    @Test
    void punctaAreSmallSpotsOfThePsfsSize() {
        PunctaPhantom puncta = PunctaPhantom.typical(SIZE, SIZE);
        float[] image = puncta.render(5);
        List<Integer> areas = new ArrayList<>(Shapes.spotAreas(image, SIZE, SIZE, puncta.background() * 1.3,
                0.4 * puncta.peak()));
        assertTrue(areas.size() >= 20, "puncta found: " + areas.size());
        Collections.sort(areas);
        int median = areas.get(areas.size() / 2);
        // FWHM 0.51 * 600 nm / 1.3 / 100 nm = 2.4 px: a half-height area of about 5 px.
        assertTrue(median <= 9, "median spot area " + median + " px");
    }

    @Test
    void membranesOutlineCells() {
        MembranePhantom membranes = MembranePhantom.typical(SIZE, SIZE);
        float[] image = membranes.render(2);
        double threshold = membranes.background() * 1.3 + 0.3 * membranes.peak();
        assertTrue(Shapes.thinFraction(image, SIZE, SIZE, threshold, 6) > 0.8, "membranes are thin lines");
        int cells = Shapes.darkRegions(image, SIZE, SIZE, threshold, 60);
        double expected = SIZE * SIZE / (membranes.cellSize() * membranes.cellSize());
        assertTrue(cells > expected / 3, cells + " enclosed cells, about " + expected + " expected");
    }

    @Test
    void valuesArePhotonsAboveZeroAndBadSettingsAreRejected() {
        for (Phantom p : List.of(FilamentPhantom.typical(64, 48), PunctaPhantom.typical(64, 48),
                MembranePhantom.typical(64, 48))) {
            float[] image = p.render(1);
            assertEquals(64 * 48, image.length);
            assertTrue(Shapes.min(image) >= 0, p.describe().get("type") + " has negative photons");
            assertEquals(Fluorescence.CAMERA, p.encoding());
        }
        assertThrows(IllegalArgumentException.class, () -> new FilamentPhantom(64, 64, 3, 0, 10, new GaussianPsf(1),
                1, 1));
        assertThrows(IllegalArgumentException.class, () -> new MembranePhantom(64, 64, 2, new GaussianPsf(1), 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PunctaPhantom(64, 64, 1, null, 1, 1));
    }
}
