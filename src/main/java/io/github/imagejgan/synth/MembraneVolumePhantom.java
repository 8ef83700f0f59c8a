package io.github.imagejgan.synth;

import java.util.Map;
import java.util.Random;

import io.github.imagejgan.degrade.Descriptions;
import io.github.imagejgan.task.UserException;

/**
 * Labelled membranes of a tissue in a z-stack: the walls between neighbouring cells of a 3D Voronoi tessellation
 * (cells of about {@code cellSize} pixels across, their centres jittered), thin sheets whose brightness varies from
 * cell to cell, under a PSF that is longer along z. Slices are {@code zStep} pixel widths apart. Values are expected
 * photons per voxel.
 *
 * @param width      slice width in pixels
 * @param height     slice height in pixels
 * @param depth      number of slices
 * @param zStep      distance between slices, in pixel widths
 * @param cellSize   typical cell diameter, pixels
 * @param psfSigma   lateral standard deviation of the PSF, pixels
 * @param psfSigmaZ  axial standard deviation of the PSF, pixels
 * @param background background level, photons
 * @param peak       brightness of the brightest walls above background before the blur, photons
 */
public record MembraneVolumePhantom(int width, int height, int depth, double zStep, double cellSize, double psfSigma,
        double psfSigmaZ, double background, double peak) implements VolumePhantom {

    /** Half the thickness of a wall, pixels. */
    private static final double HALF_WALL = 0.75;

    public MembraneVolumePhantom {
        if (width < 1 || height < 1 || depth < 1 || !(zStep > 0) || !(cellSize >= 4) || psfSigma < 0
                || psfSigmaZ < 0 || background < 0 || !(peak > 0)) {
            throw new UserException("Invalid membrane volume settings: size " + width + "x" + height + "x" + depth
                    + ", z step " + zStep + ", cell size " + cellSize + " (at least 4), PSF sigma " + psfSigma + "/"
                    + psfSigmaZ + ", background " + background + ", peak " + peak);
        }
    }

    /** Cells of 24 pixels in a stack of slices 2 pixels apart, PSF sigma 1.2 across and 3 along z, 200 photons. */
    public static MembraneVolumePhantom typical(int width, int height, int depth) {
        return new MembraneVolumePhantom(width, height, depth, 2, 24, 1.2, 3, 10, 200);
    }

    @Override
    public VolumePhantom withOptics(double newZStep, double newPsfSigmaZ) {
        return new MembraneVolumePhantom(width, height, depth, newZStep, cellSize, psfSigma, newPsfSigmaZ, background,
                peak);
    }

    @Override
    public float[][] render(long seed) {
        Random random = new Random(seed);
        double physicalDepth = depth * zStep;
        // Cell centres on a jittered grid that reaches one cell beyond the volume, so walls run through its faces.
        int nx = (int) Math.ceil(width / cellSize) + 2;
        int ny = (int) Math.ceil(height / cellSize) + 2;
        int nz = (int) Math.ceil(physicalDepth / cellSize) + 2;
        double[][] centres = new double[nx * ny * nz][];
        double[] brightness = new double[centres.length];
        for (int i = 0; i < centres.length; i++) {
            int cx = i % nx;
            int cy = i / nx % ny;
            int cz = i / (nx * ny);
            centres[i] = new double[] { (cx - 1 + 0.2 + 0.6 * random.nextDouble()) * cellSize,
                (cy - 1 + 0.2 + 0.6 * random.nextDouble()) * cellSize,
                (cz - 1 + 0.2 + 0.6 * random.nextDouble()) * cellSize };
            brightness[i] = peak * (0.5 + 0.5 * random.nextDouble());
        }
        float[][] volume = new float[depth][width * height];
        for (int z = 0; z < depth; z++) {
            double pz = (z + 0.5) * zStep;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int first = -1;
                    int second = -1;
                    double d1 = Double.MAX_VALUE;
                    double d2 = Double.MAX_VALUE;
                    for (int i = 0; i < centres.length; i++) {
                        double dx = x + 0.5 - centres[i][0];
                        double dy = y + 0.5 - centres[i][1];
                        double dz = pz - centres[i][2];
                        double d = dx * dx + dy * dy + dz * dz;
                        if (d < d1) {
                            second = first;
                            d2 = d1;
                            first = i;
                            d1 = d;
                        } else if (d < d2) {
                            second = i;
                            d2 = d;
                        }
                    }
                    // Distance to the wall between the two nearest centres: half the difference of the squared
                    // distances over the distance between the centres.
                    double gap = distance(centres[first], centres[second]);
                    double toWall = (d2 - d1) / (2 * gap);
                    // NB: a wall lying nearly along the slices would fall between them: it is made as thick along z
                    // as the slices are apart (its normal's z share of the slice distance).
                    double normalZ = Math.abs(centres[second][2] - centres[first][2]) / gap;
                    double half = Math.max(HALF_WALL, zStep * normalZ / 2);
                    if (toWall < half) {
                        double cover = 1 - toWall / half;
                        volume[z][y * width + x] = (float) ((brightness[first] + brightness[second]) / 2 * cover);
                    }
                }
            }
        }
        return VolumeOptics.image(volume, width, height, zStep, psfSigma, psfSigmaZ, background, random);
    }

    private static double distance(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        double dz = a[2] - b[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    @Override
    public Map<String, Object> describe() {
        return Descriptions.of("type", "membrane-volume", "width", width, "height", height, "depth", depth, "zStep",
                zStep, "cellSize", cellSize, "psfSigma", psfSigma, "psfSigmaZ", psfSigmaZ, "background", background,
                "peak", peak);
    }
}
