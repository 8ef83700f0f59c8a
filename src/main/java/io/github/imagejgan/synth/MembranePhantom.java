package io.github.imagejgan.synth;

import java.util.Map;
import java.util.Random;

import io.github.imagejgan.degrade.Descriptions;
import io.github.imagejgan.degrade.RandomFields;
import io.github.imagejgan.degrade.Seeds;
import io.github.imagejgan.task.UserException;

/**
 * A membrane-labelled epithelium or tissue: cell outlines that tile the plane like a Voronoi diagram of jittered
 * cell centres, bent by a smooth random warp so that they curve like real cell borders. Some cells are missing
 * (gaps in the tissue), membrane brightness varies along the outlines and is patchy at a finer scale, and the
 * cytoplasm is dimly labelled. Values are expected photons per pixel.
 *
 * @param width      image width in pixels
 * @param height     image height in pixels
 * @param cellSize   typical cell diameter in pixels (at least 6)
 * @param psf        the microscope's PSF
 * @param background background level, photons
 * @param peak       photons at the centre of the brightest membrane, above background
 */
public record MembranePhantom(int width, int height, double cellSize, Psf psf, double background, double peak)
        implements Phantom {

    private static final double OCCUPIED = 0.85;

    public MembranePhantom {
        if (width < 1 || height < 1 || !(cellSize >= 6) || psf == null || !(background >= 0) || !(peak > 0)) {
            throw new UserException("Invalid membrane phantom settings: size " + width + "x" + height
                    + ", cell size " + cellSize + " (at least 6), background " + background + ", peak " + peak);
        }
    }

    /** Cells 40 px across, Gaussian PSF of sigma 1.2 px, 12 photons background, 150 photons peak. */
    public static MembranePhantom typical(int width, int height) {
        return new MembranePhantom(width, height, 40, new GaussianPsf(1.2), 12, 150);
    }

    @Override
    public float[] render(long seed) {
        Random random = Seeds.random(seed);
        int cols = (int) Math.ceil(width / cellSize) + 4;
        int rows = (int) Math.ceil(height / cellSize) + 4;
        // Cell centres on a jittered grid starting two cells outside the image, so border cells are complete.
        double[] sx = new double[cols * rows];
        double[] sy = new double[cols * rows];
        boolean[] occupied = new boolean[cols * rows];
        float[] cytoplasm = new float[cols * rows];
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < cols; i++) {
                int k = j * cols + i;
                sx[k] = (i - 2 + 0.5 + 0.7 * (random.nextDouble() - 0.5)) * cellSize;
                sy[k] = (j - 2 + 0.5 + 0.7 * (random.nextDouble() - 0.5)) * cellSize;
                occupied[k] = random.nextDouble() < OCCUPIED;
                cytoplasm[k] = (float) (0.02 + 0.05 * random.nextDouble());
            }
        }
        float[] warpX = RandomFields.smooth(width, height, cellSize, random);
        float[] warpY = RandomFields.smooth(width, height, cellSize, random);
        float[] strength = RandomFields.smooth(width, height, cellSize, random);
        float[] patches = RandomFields.smooth(width, height, 3, random);
        double lineUnit = Fluorescence.lineResponse(psf);
        double warp = 0.15 * cellSize;
        float[] dye = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                double px = x + warp * warpX[p];
                double py = y + warp * warpY[p];
                int ci = (int) Math.floor(px / cellSize) + 2;
                int cj = (int) Math.floor(py / cellSize) + 2;
                int nearest = -1;
                int second = -1;
                double d1 = Double.POSITIVE_INFINITY;
                double d2 = Double.POSITIVE_INFINITY;
                for (int j = Math.max(0, cj - 2); j <= Math.min(rows - 1, cj + 2); j++) {
                    for (int i = Math.max(0, ci - 2); i <= Math.min(cols - 1, ci + 2); i++) {
                        int k = j * cols + i;
                        double d = (px - sx[k]) * (px - sx[k]) + (py - sy[k]) * (py - sy[k]);
                        if (d < d1) {
                            second = nearest;
                            d2 = d1;
                            nearest = k;
                            d1 = d;
                        } else if (d < d2) {
                            second = k;
                            d2 = d;
                        }
                    }
                }
                double value = occupied[nearest] ? cytoplasm[nearest] * lineUnit : 0;
                if (occupied[nearest] || occupied[second]) {
                    // Distance to the bisector of the two nearest centres: the cell border.
                    double separation = Math.hypot(sx[nearest] - sx[second], sy[nearest] - sy[second]);
                    double border = (d2 - d1) / (2 * separation);
                    double line = Math.max(0, 1 - border);
                    double brightness = Math.min(1, Math.max(0.3, 0.75 + 0.25 * strength[p]))
                            * Math.max(0, 1 + 0.35 * patches[p]);
                    value += line * brightness;
                }
                dye[p] = (float) value;
            }
        }
        return Fluorescence.acquire(dye, width, height, psf, peak / lineUnit, 0.1, background, random);
    }

    @Override
    public PixelEncoding encoding() {
        return Fluorescence.CAMERA;
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", "membranes", "width", width, "height", height, "cellSize", cellSize, "psf",
                psf.describe(), "background", background, "peak", peak);
    }
}
