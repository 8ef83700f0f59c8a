package io.github.imagejgan.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ij.ImagePlus;
import ij.process.ShortProcessor;
import io.github.imagejgan.degrade.Degradation;
import io.github.imagejgan.degrade.Degradations;
import io.github.imagejgan.degrade.Degraded;
import io.github.imagejgan.degrade.Descriptions;
import io.github.imagejgan.degrade.Seeds;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;

/**
 * Writes a folder of label-to-image training pairs for synthesis:
 *
 * <pre>
 * dir/labels/000.tif   16-bit instance labels: each object its own id, 0 for background
 * dir/images/000.tif   the same scene as a microscope records it (the phantom degraded, e.g. by camera noise)
 * dir/dataset.json     phantom, degradation, count, seed and encoding, for training provenance
 * </pre>
 *
 * Pairs share a file name. Scene i is drawn from the same derived seed as clean image i of a
 * {@link SyntheticDataset} with the same seed, so the two kinds of data set show the same scenes; a different seed
 * gives scenes never seen in training. The folder appears whole or not at all ({@link DatasetFolder#write}).
 */
public final class LabelledDataset {

    public static final String LABELS = "labels";
    public static final String IMAGES = "images";

    private LabelledDataset() {
    }

    /** Makes the image of one labelled scene: the picture a pair holds beside the scene's labels. */
    @FunctionalInterface
    public interface SceneImager {

        /**
         * @param labels the scene's labels as the pair's label image
         * @param seed   this pair's own seed, for any randomness of the picture
         */
        ImagePlus image(LabelledScene scene, ImagePlus labels, long seed) throws IOException;
    }

    /**
     * Writes {@code n} pairs, images stored with the phantom's own {@link Phantom#encoding()}.
     *
     * @return the file names shared by the pairs, in order
     * @throws IOException if {@code dir} exists and is not an empty folder, or writing fails
     */
    public static List<String> write(Path dir, LabelledPhantom phantom, Degradation degradation, int n, long seed,
            TaskMonitor monitor) throws IOException {
        PixelEncoding encoding = phantom.encoding();
        SceneImager degraded = (scene, labels, pairSeed) -> {
            Degraded d = degradation.apply(scene.image(), scene.width(), scene.height(), pairSeed);
            if (d.width() != scene.width() || d.height() != scene.height()) {
                throw new UserException("The degradation changes the image size, so the images would no longer "
                        + "match their labels: leave out downsampling steps");
            }
            return encoding.toImage(d.image(), d.width(), d.height(), labels.getTitle());
        };
        return write(dir, phantom, degraded, Descriptions.of("degradation", degradation.describe(), "encoding",
                Descriptions.of("bitDepth", encoding.bitDepth(), "offset", encoding.offset(), "unit",
                        encoding.unit())), n, seed, monitor);
    }

    /**
     * Writes {@code n} pairs whose images {@code imager} makes from the phantom's scenes, e.g. a trained synthesis
     * model's pictures of random label layouts: annotated training data without annotating.
     *
     * @param source what makes the images, for the folder's description
     * @return the file names shared by the pairs, in order
     * @throws IOException if {@code dir} exists and is not an empty folder, or writing fails
     */
    public static List<String> write(Path dir, LabelledPhantom phantom, SceneImager imager, Map<String, Object> source,
            int n, long seed, TaskMonitor monitor) throws IOException {
        if (n < 1) {
            throw new UserException("A data set needs at least one pair, got " + n);
        }
        return DatasetFolder.write(dir, folder -> writeInto(folder, phantom, imager, source, n, seed, monitor));
    }

    private static List<String> writeInto(Path folder, LabelledPhantom phantom, SceneImager imager,
            Map<String, Object> source, int n, long seed, TaskMonitor monitor) throws IOException {
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            monitor.checkCancelled();
            String name = DatasetFolder.name(i, n);
            names[i] = name;
            LabelledScene scene = phantom.renderLabelled(Seeds.derive(seed, 2L * i));
            ImagePlus labels = labelImage(scene, name);
            ImagePlus image = imager.image(scene, labels, Seeds.derive(seed, 2L * i + 1));
            if (image.getWidth() != scene.width() || image.getHeight() != scene.height()) {
                throw new UserException("The images must match their labels' size, " + scene.width() + "x"
                        + scene.height() + "; got " + image.getWidth() + "x" + image.getHeight());
            }
            ImageFiles.saveTiff(labels, folder.resolve(LABELS).resolve(name));
            image.setTitle(name);
            ImageFiles.saveTiff(image, folder.resolve(IMAGES).resolve(name));
            monitor.progress(i + 1, n, "Wrote pair " + (i + 1) + " of " + n);
        }
        Map<String, Object> description = new LinkedHashMap<>(Descriptions.of("format", 1, "count", n, "seed", seed,
                "phantom", phantom.describe()));
        description.putAll(source);
        description.put("folders", Descriptions.of("labels", LABELS, "images", IMAGES));
        description.put("labels", "instances");
        DatasetFolder.describe(folder.resolve(SyntheticDataset.DESCRIPTION), description);
        return List.of(names);
    }

    /** The scene's labels as a 16-bit image. */
    static ImagePlus labelImage(LabelledScene scene, String title) {
        if (scene.largestId() > 65535) {
            throw new UserException("A scene holds " + scene.largestId() + " objects, more than a 16-bit label "
                    + "image can number: render smaller scenes");
        }
        short[] pixels = new short[scene.labels().length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (short) scene.labels()[i];
        }
        return new ImagePlus(title, new ShortProcessor(scene.width(), scene.height(), pixels, null));
    }

    /**
     * Command line: {@code LabelledDataset <output folder> <phantom> <degradation> <count> <seed> [size]}, e.g.
     * {@code target/data/nuclei nuclei poisson-gaussian:readNoise=2,photonsPerUnit=0.5 200 1 128}. The size is
     * {@code N} or {@code WxH} pixels (default 256).
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 5 || args.length > 6) {
            System.err.println("Usage: LabelledDataset <output folder> <phantom> <degradation> <count> <seed> "
                    + "[size|WxH]\n phantoms with labels: " + String.join(", ", labelledNames()) + "\n degradations "
                    + "(join steps with +; none may change the size):\n" + Degradations.help());
            System.exit(2);
            return;
        }
        LabelledPhantom phantom = phantom(args[1], args.length == 6 ? args[5] : "256");
        long start = System.nanoTime();
        List<String> names = write(Path.of(args[0]), phantom, Degradations.parse(args[2]), Integer.parseInt(args[3]),
                Long.parseLong(args[4]), DatasetFolder.CONSOLE);
        System.out.printf(Locale.ROOT, "[imagej-gan] %d %s label/image pairs (%s) in %s, %.1f s%n", names.size(),
                args[1], args[2], args[0], (System.nanoTime() - start) / 1e9);
    }

    /**
     * The phantom of that name that knows its labels, for scenes of {@code size} ({@code N} or {@code WxH} pixels).
     *
     * @throws UserException if there is no such phantom or the size is not understood
     */
    public static LabelledPhantom phantom(String name, String size) {
        int[] wh = DatasetFolder.parseSize(size);
        if (!Phantoms.names().contains(name)
                || !(Phantoms.typical(name, wh[0], wh[1]) instanceof LabelledPhantom phantom)) {
            throw new UserException("The phantom '" + name + "' does not know its labels; choose from "
                    + labelledNames());
        }
        return phantom;
    }

    private static List<String> labelledNames() {
        return Phantoms.names().stream().filter(n -> Phantoms.typical(n, 256, 256) instanceof LabelledPhantom)
                .toList();
    }
}
