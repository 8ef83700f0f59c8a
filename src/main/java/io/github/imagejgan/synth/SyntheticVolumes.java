package io.github.imagejgan.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.task.UserException;

/**
 * Clean z-stacks of {@link VolumePhantom}s (nuclei, filaments, membranes) as 32-bit TIFF files, with their voxel
 * depth in the calibration: the ground truth of 2.5D and 3D training and benchmarks, which add their noise themselves.
 */
public final class SyntheticVolumes {

    private SyntheticVolumes() {
    }

    /** One rendered volume as a stack, slices {@code phantom.zStep()} pixels apart. */
    public static ImagePlus image(VolumePhantom phantom, long seed, String title) {
        float[][] volume = phantom.render(seed);
        ImageStack stack = new ImageStack(phantom.width(), phantom.height());
        for (float[] slice : volume) {
            stack.addSlice(null, slice);
        }
        ImagePlus imp = new ImagePlus(title, stack);
        imp.setDimensions(1, phantom.depth(), 1);
        Calibration calibration = imp.getCalibration();
        calibration.pixelDepth = phantom.zStep();
        return imp;
    }

    /** Writes {@code count} volumes {@code volume-000.tif} ... into {@code folder}, seeds {@code seed + i}. */
    public static void write(Path folder, VolumePhantom phantom, int count, long seed) throws IOException {
        Files.createDirectories(folder);
        for (int i = 0; i < count; i++) {
            String name = String.format(Locale.ROOT, "volume-%03d.tif", i);
            ImageFiles.saveTiff(image(phantom, seed + i, name), folder.resolve(name));
        }
    }

    /**
     * Command line: {@code SyntheticVolumes <output folder> <count> <seed> <W>x<H>x<D> [<z step> <axial PSF sigma>
     * [nuclei|filaments|membranes]]}: typical volumes of the kind (nuclei by default; {@link
     * NucleiVolumePhantom#typical}, ...), or with the given slice distance and axial PSF (in pixels; {@code 1 1.5}
     * renders isotropic volumes, the truth of isotropic restoration).
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 4 && args.length != 6 && args.length != 7) {
            System.err.println("Usage: SyntheticVolumes <output folder> <count> <seed> <W>x<H>x<D> [<z step> "
                    + "<axial PSF sigma> [nuclei|filaments|membranes]]");
            System.exit(2);
            return;
        }
        String[] size = args[3].toLowerCase(Locale.ROOT).split("x");
        if (size.length != 3) {
            throw new UserException("Size must be WxHxD, got " + args[3]);
        }
        int w = Integer.parseInt(size[0]);
        int h = Integer.parseInt(size[1]);
        int d = Integer.parseInt(size[2]);
        String kind = args.length == 7 ? args[6] : "nuclei";
        VolumePhantom typical = switch (kind) {
            case "nuclei" -> NucleiVolumePhantom.typical(w, h, d);
            case "filaments" -> FilamentVolumePhantom.typical(w, h, d);
            case "membranes" -> MembraneVolumePhantom.typical(w, h, d);
            default -> throw new UserException("Unknown kind '" + kind + "': nuclei, filaments or membranes.");
        };
        VolumePhantom phantom = args.length == 4 ? typical : typical.withOptics(Double.parseDouble(args[4]),
                Double.parseDouble(args[5]));
        write(Path.of(args[0]), phantom, Integer.parseInt(args[1]), Long.parseLong(args[2]));
        System.out.println("[imagej-gan] " + args[1] + " " + kind + " volumes " + args[3] + " in " + args[0]);
    }
}
