package io.github.imagejgan.synth;

import java.util.Map;
import java.util.Random;

import io.github.imagejgan.degrade.Descriptions;
import io.github.imagejgan.task.UserException;

/**
 * Cytoskeletal filaments in a z-stack: worm-like chains in three dimensions (persistent random walks whose direction
 * turns a little at every step), far thinner than the resolution, so that their width in the image is the PSF's,
 * which is longer along z. Slices are {@code zStep} pixel widths apart. Values are expected photons per voxel.
 *
 * @param width             slice width in pixels
 * @param height            slice height in pixels
 * @param depth             number of slices
 * @param zStep             distance between slices, in pixel widths
 * @param count             number of filaments
 * @param meanLength        mean contour length in pixels (lengths vary from 0.5 to 1.5 times this)
 * @param persistenceLength persistence length in pixels: larger is straighter
 * @param psfSigma          lateral standard deviation of the PSF, pixels
 * @param psfSigmaZ         axial standard deviation of the PSF, pixels
 * @param background        background level, photons
 * @param peak              brightness of the brightest filaments above background before the blur, photons
 */
public record FilamentVolumePhantom(int width, int height, int depth, double zStep, int count, double meanLength,
        double persistenceLength, double psfSigma, double psfSigmaZ, double background, double peak)
        implements VolumePhantom {

    private static final double STEP = 0.5;

    public FilamentVolumePhantom {
        if (width < 1 || height < 1 || depth < 1 || !(zStep > 0) || count < 0 || !(meanLength > 0)
                || !(persistenceLength > 0) || psfSigma < 0 || psfSigmaZ < 0 || background < 0 || !(peak > 0)) {
            throw new UserException("Invalid filament volume settings: size " + width + "x" + height + "x" + depth
                    + ", z step " + zStep + ", count " + count + ", length " + meanLength + ", persistence "
                    + persistenceLength + ", PSF sigma " + psfSigma + "/" + psfSigmaZ + ", background " + background
                    + ", peak " + peak);
        }
    }

    /**
     * Filaments in a stack of slices 2 pixels apart: one per 20 000 voxels of the physical volume, 80 pixels long,
     * persistence 60 pixels, PSF sigma 1.2 pixels across and 3 along z, 10 photons background, 400 photons peak.
     */
    public static FilamentVolumePhantom typical(int width, int height, int depth) {
        int count = (int) Math.max(1, Math.round(width * (double) height * depth * 2 / 20_000.0));
        return new FilamentVolumePhantom(width, height, depth, 2, count, 80, 60, 1.2, 3, 10, 400);
    }

    @Override
    public VolumePhantom withOptics(double newZStep, double newPsfSigmaZ) {
        return new FilamentVolumePhantom(width, height, depth, newZStep, count, meanLength, persistenceLength,
                psfSigma, newPsfSigmaZ, background, peak);
    }

    @Override
    public float[][] render(long seed) {
        Random random = new Random(seed);
        float[][] volume = new float[depth][width * height];
        double physicalDepth = depth * zStep;
        for (int f = 0; f < count; f++) {
            double x = random.nextDouble() * width;
            double y = random.nextDouble() * height;
            double z = random.nextDouble() * physicalDepth;
            double[] direction = randomDirection(random);
            double brightness = peak * (0.4 + 0.6 * random.nextDouble());
            int steps = (int) (meanLength * (0.5 + random.nextDouble()) / STEP);
            // The direction's random turn per step that makes it decorrelate over the persistence length.
            double turn = Math.sqrt(2 * STEP / persistenceLength / 3);
            for (int s = 0; s < steps; s++) {
                deposit(volume, x, y, z / zStep, brightness * STEP);
                x += STEP * direction[0];
                y += STEP * direction[1];
                z += STEP * direction[2];
                for (int d = 0; d < 3; d++) {
                    direction[d] += turn * random.nextGaussian();
                }
                normalize(direction);
            }
        }
        return VolumeOptics.image(volume, width, height, zStep, psfSigma, psfSigmaZ, background, random);
    }

    private static double[] randomDirection(Random random) {
        double[] d = { random.nextGaussian(), random.nextGaussian(), random.nextGaussian() };
        normalize(d);
        return d;
    }

    private static void normalize(double[] d) {
        double norm = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
        for (int i = 0; i < 3; i++) {
            d[i] /= norm;
        }
    }

    /** Adds {@code amount} at a point (slice units along z), split linearly between the nearest voxels. */
    private void deposit(float[][] volume, double x, double y, double slice, double amount) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        int z0 = (int) Math.floor(slice);
        double fx = x - x0;
        double fy = y - y0;
        double fz = slice - z0;
        for (int dz = 0; dz < 2; dz++) {
            int z = z0 + dz;
            if (z < 0 || z >= depth) {
                continue;
            }
            for (int dy = 0; dy < 2; dy++) {
                int yy = y0 + dy;
                if (yy < 0 || yy >= height) {
                    continue;
                }
                for (int dx = 0; dx < 2; dx++) {
                    int xx = x0 + dx;
                    if (xx < 0 || xx >= width) {
                        continue;
                    }
                    double w = (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy) * (dz == 0 ? 1 - fz : fz);
                    volume[z][yy * width + xx] += (float) (amount * w);
                }
            }
        }
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", "filament-volume", "width", width, "height", height, "depth", depth, "zStep",
                zStep, "count", count, "meanLength", meanLength, "persistenceLength", persistenceLength, "psfSigma",
                psfSigma, "psfSigmaZ", psfSigmaZ, "background", background, "peak", peak);
    }
}
