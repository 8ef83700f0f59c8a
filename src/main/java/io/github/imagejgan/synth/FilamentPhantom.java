package io.github.imagejgan.synth;

import java.util.Map;
import java.util.Random;

import io.github.imagejgan.degrade.Descriptions;
import io.github.imagejgan.degrade.Seeds;
import io.github.imagejgan.task.UserException;

/**
 * Cytoskeletal filaments (microtubules, actin cables) as seen in immunofluorescence: long, thin, gently curving
 * lines that cross each other, each a worm-like chain (a persistent random walk whose direction decorrelates over
 * the persistence length), with the beaded look of antibody labelling. The filaments themselves are far thinner
 * than the resolution, so their width in the image is the PSF's. Values are expected photons per pixel.
 *
 * @param width             image width in pixels
 * @param height            image height in pixels
 * @param count             number of filaments
 * @param meanLength        mean contour length in pixels (lengths vary from 0.5 to 1.5 times this)
 * @param persistenceLength persistence length in pixels: larger is straighter
 * @param psf               the microscope's PSF
 * @param background        background level, photons
 * @param peak              photons at the centre of an isolated filament of the brightest kind, above background
 */
public record FilamentPhantom(int width, int height, int count, double meanLength, double persistenceLength,
        Psf psf, double background, double peak) implements Phantom {

    private static final double STEP = 0.5;

    public FilamentPhantom {
        if (width < 1 || height < 1 || count < 0 || !(meanLength > 0) || !(persistenceLength > 0) || psf == null
                || !(background >= 0) || !(peak > 0)) {
            throw new UserException("Invalid filament phantom settings: size " + width + "x" + height
                    + ", count " + count + ", length " + meanLength + ", persistence " + persistenceLength
                    + ", background " + background + ", peak " + peak);
        }
    }

    /**
     * Microtubules imaged at 100x/1.4 NA with GFP-like emission (520 nm) and 65 nm pixels: one filament per 2000
     * pixels, each about half the image side long, persistence 150 px, 8 photons background, 120 photons peak.
     */
    public static FilamentPhantom typical(int width, int height) {
        return new FilamentPhantom(width, height, Math.max(3, Math.round(width * height / 2000f)),
                0.5 * Math.max(width, height), 150, new AiryPsf(1.4, 520, 65), 8, 120);
    }

    @Override
    public float[] render(long seed) {
        Random random = Seeds.random(seed);
        float[] density = new float[width * height];
        for (int i = 0; i < count; i++) {
            drawFilament(density, random);
        }
        return Fluorescence.acquire(density, width, height, psf, peak / Fluorescence.lineResponse(psf), 0.15,
                background, random);
    }

    private void drawFilament(float[] density, Random random) {
        double brightness = 0.5 + 0.5 * random.nextDouble();
        double length = meanLength * (0.5 + random.nextDouble());
        // Start anywhere in a margin around the image so that filaments also enter from outside.
        double x = (random.nextDouble() * 1.2 - 0.1) * width;
        double y = (random.nextDouble() * 1.2 - 0.1) * height;
        double angle = random.nextDouble() * 2 * Math.PI;
        double turn = Math.sqrt(STEP / persistenceLength);
        for (double s = 0; s < length; s += STEP) {
            double labelling = Math.max(0, 1 + 0.3 * random.nextGaussian());
            Fluorescence.splat(density, width, height, x, y, STEP * brightness * labelling);
            angle += turn * random.nextGaussian();
            x += STEP * Math.cos(angle);
            y += STEP * Math.sin(angle);
        }
    }

    @Override
    public PixelEncoding encoding() {
        return Fluorescence.CAMERA;
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", "filaments", "width", width, "height", height, "count", count, "meanLength",
                meanLength, "persistenceLength", persistenceLength, "psf", psf.describe(), "background", background,
                "peak", peak);
    }
}
