package io.github.imagejgan.synth;

import java.util.Map;
import java.util.Random;

import io.github.imagejgan.degrade.Descriptions;
import io.github.imagejgan.degrade.Seeds;
import io.github.imagejgan.task.UserException;

/**
 * Vesicles, endosomes or single molecules: sub-resolution point sources, so each appears as a copy of the PSF.
 * Most gather in cells (Gaussian clouds around random cell centres, over a dim diffuse cytoplasm), the rest lie
 * anywhere; their brightness is log-normal, as the number of fluorophores per vesicle is. Values are expected
 * photons per pixel.
 *
 * @param width      image width in pixels
 * @param height     image height in pixels
 * @param density    puncta per 10 000 pixels
 * @param psf        the microscope's PSF
 * @param background background level, photons
 * @param peak       photons at the centre of a punctum of median brightness, above background
 */
public record PunctaPhantom(int width, int height, double density, Psf psf, double background, double peak)
        implements Phantom {

    public PunctaPhantom {
        if (width < 1 || height < 1 || !(density >= 0) || psf == null || !(background >= 0) || !(peak > 0)) {
            throw new UserException("Invalid puncta phantom settings: size " + width + "x" + height
                    + ", density " + density + ", background " + background + ", peak " + peak);
        }
    }

    /**
     * Vesicles at 60x/1.3 NA with red emission (600 nm) and 100 nm pixels: 25 puncta per 10 000 pixels, 10 photons
     * background, 80 photons peak.
     */
    public static PunctaPhantom typical(int width, int height) {
        return new PunctaPhantom(width, height, 25, new AiryPsf(1.3, 600, 100), 10, 80);
    }

    @Override
    public float[] render(long seed) {
        Random random = Seeds.random(seed);
        double pointPeak = Fluorescence.pointResponse(psf);
        int cells = Math.max(1, Math.round(width * height / 12_000f));
        double[][] cellCentres = new double[cells][3];
        for (double[] c : cellCentres) {
            c[0] = random.nextDouble() * width;
            c[1] = random.nextDouble() * height;
            c[2] = Math.min(width, height) * (0.08 + 0.08 * random.nextDouble());
        }
        float[] dye = new float[width * height];
        addCytoplasm(dye, cellCentres, 0.06 * pointPeak);
        int count = (int) Math.round(density * width * height / 10_000.0);
        for (int i = 0; i < count; i++) {
            double x;
            double y;
            if (random.nextDouble() < 0.75) {
                double[] cell = cellCentres[random.nextInt(cells)];
                x = cell[0] + cell[2] * random.nextGaussian();
                y = cell[1] + cell[2] * random.nextGaussian();
            } else {
                x = random.nextDouble() * width;
                y = random.nextDouble() * height;
            }
            Fluorescence.splat(dye, width, height, x, y, Math.exp(0.5 * random.nextGaussian()));
        }
        return Fluorescence.acquire(dye, width, height, psf, peak / pointPeak, 0.1, background, random);
    }

    private void addCytoplasm(float[] dye, double[][] cells, double level) {
        for (double[] cell : cells) {
            double spread = 1.5 * cell[2];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double dx = x - cell[0];
                    double dy = y - cell[1];
                    dye[y * width + x] += (float) (level * Math.exp(-(dx * dx + dy * dy) / (2 * spread * spread)));
                }
            }
        }
    }

    @Override
    public PixelEncoding encoding() {
        return Fluorescence.CAMERA;
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", "puncta", "width", width, "height", height, "density", density, "psf",
                psf.describe(), "background", background, "peak", peak);
    }
}
