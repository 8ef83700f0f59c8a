package io.github.imagejgan.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import io.github.imagejgan.degrade.Degradation;
import io.github.imagejgan.degrade.Degradations;
import io.github.imagejgan.degrade.Degraded;
import io.github.imagejgan.degrade.Descriptions;
import io.github.imagejgan.degrade.Seeds;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;

/**
 * Writes a folder of synthetic training pairs:
 *
 * <pre>
 * dir/clean/000.tif   the phantom (ground truth)
 * dir/noisy/000.tif   the same scene degraded (noisy, downsampled or with holes): the network's input
 * dir/mask/000.tif    for masking degradations only: 8-bit, 255 where a pixel is missing, 0 elsewhere
 * dir/dataset.json    phantom, degradation, count, seed and encoding, for training provenance
 * </pre>
 *
 * Matching pairs share a file name. Image i is rendered from a seed derived from the data set's seed and i alone,
 * so any single pair can be reproduced. The folder appears whole or not at all ({@link DatasetFolder#write}).
 */
public final class SyntheticDataset {

    public static final String CLEAN = "clean";
    public static final String NOISY = "noisy";
    public static final String MASK = "mask";
    public static final String DESCRIPTION = "dataset.json";

    private SyntheticDataset() {
    }

    /**
     * What was written.
     *
     * @param folder the data set folder
     * @param count  number of pairs
     * @param names  the file names shared by the pairs, in order
     * @param masks  whether a mask folder was written
     */
    public record Summary(Path folder, int count, List<String> names, boolean masks) {
    }

    /** Writes {@code n} pairs, storing images with the phantom's own {@link Phantom#encoding()}. */
    public static Summary write(Path dir, Phantom phantom, Degradation degradation, int n, long seed)
            throws IOException {
        return write(dir, phantom, degradation, n, seed, phantom.encoding(), TaskMonitor.NONE);
    }

    /**
     * Writes {@code n} pairs, storing clean and degraded images with {@code encoding}.
     *
     * @throws IOException if {@code dir} exists and is not an empty folder, or writing fails
     */
    public static Summary write(Path dir, Phantom phantom, Degradation degradation, int n, long seed,
            PixelEncoding encoding, TaskMonitor monitor) throws IOException {
        if (n < 1) {
            throw new UserException("A data set needs at least one pair, got " + n);
        }
        return DatasetFolder.write(dir, partial -> {
            Summary summary = writeInto(partial, phantom, degradation, n, seed, encoding, monitor);
            return new Summary(dir.toAbsolutePath().normalize(), summary.count(), summary.names(), summary.masks());
        });
    }

    private static Summary writeInto(Path folder, Phantom phantom, Degradation degradation, int n, long seed,
            PixelEncoding encoding, TaskMonitor monitor) throws IOException {
        String[] names = new String[n];
        boolean masks = false;
        for (int i = 0; i < n; i++) {
            monitor.checkCancelled();
            String name = DatasetFolder.name(i, n);
            names[i] = name;
            float[] clean = phantom.render(Seeds.derive(seed, 2L * i));
            Degraded degraded = degradation.apply(clean, phantom.width(), phantom.height(), Seeds.derive(seed, 2L * i
                    + 1));
            ImageFiles.saveTiff(encoding.toImage(clean, phantom.width(), phantom.height(), name),
                    folder.resolve(CLEAN).resolve(name));
            ImageFiles.saveTiff(encoding.toImage(degraded.image(), degraded.width(), degraded.height(), name),
                    folder.resolve(NOISY).resolve(name));
            if (degraded.mask() != null) {
                masks = true;
                ImageFiles.saveTiff(maskImage(degraded, name), folder.resolve(MASK).resolve(name));
            }
            monitor.progress(i + 1, n, "Wrote pair " + (i + 1) + " of " + n);
        }
        Map<String, Object> description = Descriptions.of("format", 1, "count", n, "seed", seed, "phantom",
                phantom.describe(), "degradation", degradation.describe(), "encoding", Descriptions.of("bitDepth",
                        encoding.bitDepth(), "offset", encoding.offset(), "unit", encoding.unit()), "folders",
                Descriptions.of("clean", CLEAN, "input", NOISY, "mask", masks ? MASK : null));
        DatasetFolder.describe(folder.resolve(DESCRIPTION), description);
        return new Summary(folder, n, List.of(names), masks);
    }

    private static ImagePlus maskImage(Degraded degraded, String title) {
        byte[] pixels = new byte[degraded.mask().length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (degraded.mask()[i] != 0 ? 255 : 0);
        }
        return new ImagePlus(title, new ByteProcessor(degraded.width(), degraded.height(), pixels));
    }

    /**
     * Command line: {@code SyntheticDataset <output folder> <phantom> <degradation> <count> <seed> [size]}, e.g.
     * {@code target/data/filaments filaments poisson-gaussian:readNoise=2,photonsPerUnit=0.2 100 1 256}. The size is
     * {@code N} or {@code WxH} pixels (default 256).
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 5 || args.length > 6) {
            System.err.println("Usage: SyntheticDataset <output folder> <phantom> <degradation> <count> <seed> "
                    + "[size|WxH]\n phantoms: " + String.join(", ", Phantoms.names()) + "\n degradations (join "
                    + "steps with +):\n" + Degradations.help());
            System.exit(2);
            return;
        }
        int[] size = DatasetFolder.parseSize(args.length == 6 ? args[5] : "256");
        Phantom phantom = Phantoms.typical(args[1], size[0], size[1]);
        Degradation degradation = Degradations.parse(args[2]);
        int count = Integer.parseInt(args[3]);
        long seed = Long.parseLong(args[4]);
        long start = System.nanoTime();
        Summary summary = write(Path.of(args[0]), phantom, degradation, count, seed, phantom.encoding(),
                DatasetFolder.CONSOLE);
        System.out.printf(Locale.ROOT, "[imagej-gan] %d %s pairs (%s) in %s, %.1f s%n", summary.count(), args[1],
                args[2], summary.folder(), (System.nanoTime() - start) / 1e9);
    }
}
