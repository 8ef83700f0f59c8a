package io.github.imagejgan.synth;

import java.util.Map;
import java.util.Random;

import io.github.imagejgan.degrade.Descriptions;
import io.github.imagejgan.degrade.Filters;
import io.github.imagejgan.task.UserException;

/**
 * Fluorescent nuclei as seen by a widefield microscope: textured, overlapping elliptical blobs of varying
 * brightness, blurred by a Gaussian point-spread function, on a smooth background. Values are expected photon counts
 * per pixel, so a noise model can be applied on top.
 *
 * @param width      image width in pixels
 * @param height     image height in pixels
 * @param density    nuclei per 10 000 pixels
 * @param minRadius  smallest nucleus semi-axis, pixels
 * @param maxRadius  largest nucleus semi-axis, pixels
 * @param psfSigma   standard deviation of the Gaussian PSF, pixels
 * @param background background level, photons
 * @param peak       brightness of the brightest nuclei above background, photons
 */
public record NucleiPhantom(int width, int height, double density, double minRadius, double maxRadius,
        double psfSigma, double background, double peak) implements LabelledPhantom {

    public NucleiPhantom {
        if (width < 1 || height < 1 || density < 0 || minRadius <= 0 || maxRadius < minRadius || psfSigma < 0
                || background < 0 || peak <= 0) {
            throw new UserException("Invalid nuclei phantom settings: size " + width + "x" + height
                    + ", density " + density + ", radii " + minRadius + ".." + maxRadius + ", PSF sigma " + psfSigma
                    + ", background " + background + ", peak " + peak);
        }
    }

    /** Typical nuclei at 20-40x: radius 6-14 px, PSF sigma 1.5 px, 10 photons background, 200 photons peak. */
    public static NucleiPhantom typical(int width, int height) {
        return new NucleiPhantom(width, height, 6, 6, 14, 1.5, 10, 200);
    }

    /** Renders the expected photon counts, row by row, deterministically from the seed. */
    @Override
    public float[] render(long seed) {
        return renderLabelled(seed).image();
    }

    /**
     * The same image as {@link #render(long)} and, for each pixel, the nucleus it shows: ids 1, 2, ... in the order
     * the nuclei are drawn, 0 for background. Where nuclei overlap, the pixel belongs to the brighter one there, as
     * the image shows it; a nucleus hidden entirely leaves its id unused. The labels are the nuclei's outlines before
     * the PSF blurs them.
     */
    @Override
    public LabelledScene renderLabelled(long seed) {
        Random random = new Random(seed);
        float[] image = new float[width * height];
        int[] labels = new int[width * height];
        int count = (int) Math.round(density * width * height / 10_000.0);
        for (int i = 0; i < count; i++) {
            addNucleus(image, labels, i + 1, random);
        }
        float[] blurred = Filters.gaussian(image, width, height, psfSigma);
        addBackground(blurred, random);
        return new LabelledScene(blurred, labels, width, height);
    }

    private void addNucleus(float[] image, int[] labels, int id, Random random) {
        double cx = random.nextDouble() * width;
        double cy = random.nextDouble() * height;
        NucleusDraw n = NucleusDraw.next(random, minRadius, maxRadius, peak);
        // Chromatin texture: a few random low-frequency waves inside the nucleus.
        double[][] waves = new double[3][4];
        for (double[] w : waves) {
            w[0] = random.nextGaussian() * 0.5;
            w[1] = random.nextGaussian() * 0.5;
            w[2] = random.nextDouble() * 2 * Math.PI;
            w[3] = 0.1 + 0.1 * random.nextDouble();
        }
        int r = (int) Math.ceil(n.a()) + 1;
        for (int y = Math.max(0, (int) cy - r); y < Math.min(height, (int) cy + r + 1); y++) {
            for (int x = Math.max(0, (int) cx - r); x < Math.min(width, (int) cx + r + 1); x++) {
                double d2 = n.radial2(x - cx, y - cy);
                if (d2 <= 1) {
                    double texture = 1;
                    for (double[] w : waves) {
                        texture += w[3] * Math.sin(w[0] * x + w[1] * y + w[2]);
                    }
                    // Brighter towards the rim fades smoothly to zero at the edge, as a stained nucleus does.
                    double profile = Math.sqrt(1 - d2);
                    float value = (float) (n.brightness() * profile * texture);
                    if (value > image[y * width + x]) {
                        image[y * width + x] = value;
                        labels[y * width + x] = id;
                    }
                }
            }
        }
    }

    private void addBackground(float[] image, Random random) {
        double gx = random.nextGaussian() * 0.3 / width;
        double gy = random.nextGaussian() * 0.3 / height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double level = background * (1 + gx * (x - width / 2.0) + gy * (y - height / 2.0));
                image[y * width + x] += (float) Math.max(0, level);
            }
        }
    }

    @Override
    public PixelEncoding encoding() {
        return Fluorescence.CAMERA;
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", "nuclei", "width", width, "height", height, "density", density, "minRadius",
                minRadius, "maxRadius", maxRadius, "psf", new GaussianPsf(psfSigma).describe(), "background",
                background, "peak", peak);
    }
}
