package io.github.imagejgan.synth;

import java.util.Map;
import java.util.Random;

import io.github.imagejgan.degrade.Descriptions;
import io.github.imagejgan.task.UserException;

/**
 * Fluorescent nuclei in a z-stack as a widefield microscope records them: textured ellipsoids of varying size and
 * brightness, blurred by an anisotropic 3D Gaussian point-spread function (longer along z, as every objective's is),
 * on a smooth background. Slices are {@code zStep} pixels apart, so a nucleus spans fewer slices than pixels across.
 * Values are expected photon counts per voxel, so a noise model can be applied to each slice.
 *
 * @param width      slice width in pixels
 * @param height     slice height in pixels
 * @param depth      number of slices
 * @param zStep      distance between slices, in pixels (the voxel anisotropy)
 * @param density    nuclei per 10 000 pixels of a slice's area
 * @param minRadius  smallest nucleus semi-axis, pixels
 * @param maxRadius  largest nucleus semi-axis, pixels
 * @param psfSigma   lateral standard deviation of the PSF, pixels
 * @param psfSigmaZ  axial standard deviation of the PSF, pixels
 * @param background background level, photons
 * @param peak       brightness of the brightest nuclei above background, photons
 */
public record NucleiVolumePhantom(int width, int height, int depth, double zStep, double density,
        double minRadius, double maxRadius, double psfSigma, double psfSigmaZ, double background, double peak)
        implements VolumePhantom {

    public NucleiVolumePhantom {
        if (width < 1 || height < 1 || depth < 1 || !(zStep > 0) || density < 0 || minRadius <= 0
                || maxRadius < minRadius || psfSigma < 0 || psfSigmaZ < 0 || background < 0 || peak <= 0) {
            throw new UserException("Invalid nuclei volume settings: size " + width + "x" + height + "x" + depth
                    + ", z step " + zStep + ", density " + density + ", radii " + minRadius + ".." + maxRadius
                    + ", PSF sigma " + psfSigma + "/" + psfSigmaZ + ", background " + background + ", peak " + peak);
        }
    }

    /**
     * Nuclei at 40x in a stack of slices 2 pixels apart: radius 6-14 px, PSF sigma 1.5 px laterally and 4 px (two
     * slices) axially, 10 photons background, 200 photons peak.
     */
    public static NucleiVolumePhantom typical(int width, int height, int depth) {
        return new NucleiVolumePhantom(width, height, depth, 2, 6, 6, 14, 1.5, 4, 10, 200);
    }

    @Override
    public VolumePhantom withOptics(double newZStep, double newPsfSigmaZ) {
        return new NucleiVolumePhantom(width, height, depth, newZStep, density, minRadius, maxRadius, psfSigma,
                newPsfSigmaZ, background, peak);
    }

    @Override
    public float[][] render(long seed) {
        Random random = new Random(seed);
        float[][] volume = new float[depth][width * height];
        // Nuclei whose centres lie a little above or below the stack still reach into it.
        double extraZ = maxRadius / zStep;
        int count = (int) Math.round(density * width * height / 10_000.0 * (depth + 2 * extraZ) * zStep
                / (2 * maxRadius));
        for (int i = 0; i < Math.max(1, count); i++) {
            addNucleus(volume, random, extraZ);
        }
        return VolumeOptics.image(volume, width, height, zStep, psfSigma, psfSigmaZ, background, random);
    }

    private void addNucleus(float[][] volume, Random random, double extraZ) {
        double cx = random.nextDouble() * width;
        double cy = random.nextDouble() * height;
        double cz = -extraZ + random.nextDouble() * (depth + 2 * extraZ);
        // NB: drawn in this order (the depth between the outline and the angle) since the shipped 2.5D model's
        // volumes were made so; NucleusDraw.next would draw the depth last.
        double a = minRadius + random.nextDouble() * (maxRadius - minRadius);
        double b = a * (0.6 + 0.4 * random.nextDouble());
        double c = a * (0.5 + 0.5 * random.nextDouble());
        double angle = random.nextDouble() * Math.PI;
        NucleusDraw n = new NucleusDraw(a, b, Math.cos(angle), Math.sin(angle), peak * (0.3 + 0.7
                * random.nextDouble()));
        // Chromatin texture: a few random low-frequency waves through the nucleus, in all three directions.
        double[][] waves = new double[3][5];
        for (double[] w : waves) {
            w[0] = random.nextGaussian() * 0.5;
            w[1] = random.nextGaussian() * 0.5;
            w[2] = random.nextGaussian() * 0.5;
            w[3] = random.nextDouble() * 2 * Math.PI;
            w[4] = 0.1 + 0.1 * random.nextDouble();
        }
        int r = (int) Math.ceil(n.a()) + 1;
        int rz = (int) Math.ceil(c / zStep) + 1;
        for (int z = Math.max(0, (int) cz - rz); z < Math.min(depth, (int) cz + rz + 1); z++) {
            double w3 = (z - cz) * zStep / c;
            for (int y = Math.max(0, (int) cy - r); y < Math.min(height, (int) cy + r + 1); y++) {
                for (int x = Math.max(0, (int) cx - r); x < Math.min(width, (int) cx + r + 1); x++) {
                    double d2 = n.radial2(x - cx, y - cy) + w3 * w3;
                    if (d2 <= 1) {
                        double texture = 1;
                        for (double[] w : waves) {
                            texture += w[4] * Math.sin(w[0] * x + w[1] * y + w[2] * z * zStep + w[3]);
                        }
                        double value = n.brightness() * Math.sqrt(1 - d2) * texture;
                        int i = y * width + x;
                        volume[z][i] = (float) Math.max(volume[z][i], value);
                    }
                }
            }
        }
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", "nuclei-volume", "width", width, "height", height, "depth", depth, "zStep",
                zStep, "density", density, "minRadius", minRadius, "maxRadius", maxRadius, "psfSigma", psfSigma,
                "psfSigmaZ", psfSigmaZ, "background", background, "peak", peak);
    }
}
