package io.github.imagejgan.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import ij.ImagePlus;
import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.image.ImagePlusImages;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.Mirror;
import io.github.imagejgan.image.PercentileNormalizer;
import io.github.imagejgan.image.PlaneAccess;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.task.UserException;

/**
 * The images of one training folder, opened with ImageJ and normalized file by file (so that images of different
 * brightness and bit depth train together). Every slice and frame of a stack is a separate sample; all images must
 * have the same number of channels.
 */
public final class TrainingFolder {

    private final Path folder;
    private final TreeMap<String, List<TrainingSample>> byFile;
    /** Slices per file: its samples are frame after frame, each slice after slice. */
    private final Map<String, Integer> slices;
    /** Per file, the distance between its slices in pixel widths (from its calibration). */
    private final Map<String, Double> spacings;
    private final int channels;
    private final int sliceHalo;

    private TrainingFolder(Path folder, TreeMap<String, List<TrainingSample>> byFile, Map<String, Integer> slices,
            Map<String, Double> spacings, int channels, int sliceHalo) {
        this.folder = folder;
        this.byFile = byFile;
        this.slices = Map.copyOf(slices);
        this.spacings = Map.copyOf(spacings);
        this.channels = channels;
        this.sliceHalo = sliceHalo;
    }

    /**
     * Opens every image in {@code folder}.
     *
     * @param normalizer fits each image's normalization; null keeps the values as they are (label images)
     * @throws TrainingDataException if the folder is missing or empty, a file cannot be read, or channel counts
     *                               differ
     */
    public static TrainingFolder open(Path folder, PercentileNormalizer normalizer) {
        if (!Files.isDirectory(folder)) {
            throw new TrainingDataException("Training folder " + folder + " does not exist.");
        }
        List<Path> files;
        try {
            files = ImageFiles.list(folder);
        } catch (IOException e) {
            throw new TrainingDataException("Cannot list training folder " + folder + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new TrainingDataException("Training folder " + folder + " has 0 readable images (looked for "
                    + String.join(", ", new java.util.TreeSet<>(ImageFiles.IMAGE_ENDINGS)) + " files).");
        }
        return of(folder, files, normalizer);
    }

    /**
     * Opens the given image files as one training set, described by {@code place} (their folder, or the folder that
     * holds them all).
     *
     * @throws TrainingDataException if there are none, a file cannot be read, two share a name, or channel counts
     *                               differ
     */
    public static TrainingFolder of(Path place, List<Path> files, PercentileNormalizer normalizer) {
        if (files.isEmpty()) {
            throw new TrainingDataException("No images to train on in " + place + ".");
        }
        TreeMap<String, List<TrainingSample>> byFile = new TreeMap<>();
        Map<String, Integer> slices = new HashMap<>();
        Map<String, Double> spacings = new HashMap<>();
        int channels = -1;
        String firstName = null;
        for (Path file : files) {
            HyperImage<?> image = read(file);
            if (channels < 0) {
                channels = image.channels();
                firstName = file.getFileName().toString();
            } else if (image.channels() != channels) {
                throw new TrainingDataException("Training folder " + place + " mixes channel counts: "
                        + firstName + " has " + channels + ", " + file.getFileName() + " has " + image.channels()
                        + ". Use images with the same channels.");
            }
            if (byFile.put(file.getFileName().toString(), samples(file.getFileName().toString(), image,
                    normalizer)) != null) {
                throw new TrainingDataException("Two training images are named " + file.getFileName() + ": rename one.");
            }
            slices.put(file.getFileName().toString(), image.slices());
            spacings.put(file.getFileName().toString(), spacing(image));
        }
        return new TrainingFolder(place, byFile, slices, spacings, channels, 0);
    }

    /**
     * An open image (every slice and frame a sample) as a training set of one file named {@code name}.
     *
     * @throws TrainingDataException if the image cannot be normalized (constant, NaN)
     */
    public static TrainingFolder of(String name, ImagePlus image, PercentileNormalizer normalizer) {
        HyperImage<?> wrapped = ImagePlusImages.wrap(image);
        TreeMap<String, List<TrainingSample>> byFile = new TreeMap<>();
        byFile.put(name, samples(name, wrapped, normalizer));
        return new TrainingFolder(Path.of(name), byFile, Map.of(name, wrapped.slices()), Map.of(name,
                spacing(wrapped)), wrapped.channels(), 0);
    }

    private static HyperImage<?> read(Path file) {
        try {
            ImagePlus imp = ImageFiles.open(file);
            return ImagePlusImages.wrap(imp);
        } catch (IOException | IllegalArgumentException e) {
            throw new TrainingDataException("Cannot use training image " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<TrainingSample> samples(String name, HyperImage<?> image, PercentileNormalizer normalizer) {
        LinearMap normalize;
        try {
            normalize = normalizer == null ? LinearMap.IDENTITY : normalizer.fit(image).normalizing();
        } catch (IllegalArgumentException e) {
            throw new TrainingDataException("Training image " + name + ": " + e.getMessage(), e);
        }
        List<TrainingSample> samples = new ArrayList<>();
        boolean stack = image.slices() * image.frames() > 1;
        for (int t = 0; t < image.frames(); t++) {
            for (int z = 0; z < image.slices(); z++) {
                String label = stack ? name + " [z=" + (z + 1) + ", t=" + (t + 1) + "]" : name;
                samples.add(new TrainingSample(label, image.channelPlanes(z, t), normalize));
            }
        }
        return samples;
    }

    /**
     * The same images as samples of a 2.5D model: each slice of a single-channel z-stack with {@code halo}
     * neighbouring slices on each side as its channels (mirrored at the ends of the stack), the slice itself first
     * ({@link ModelDescriptor.Tiling#sliceOffsets()}).
     *
     * @throws TrainingDataException if the images have several channels, or a file is not a z-stack
     */
    public TrainingFolder withSliceContext(int halo) {
        if (channels != 1) {
            throw new TrainingDataException("Neighbouring slices are for single-channel z-stacks; the images in "
                    + folder + " have " + channels + " channels.");
        }
        TreeMap<String, List<TrainingSample>> context = new TreeMap<>();
        for (Map.Entry<String, List<TrainingSample>> file : byFile.entrySet()) {
            int depth = slices.get(file.getKey());
            if (depth < 2) {
                throw new TrainingDataException("Training with neighbouring slices needs z-stacks: " + file.getKey()
                        + " has a single slice.");
            }
            List<TrainingSample> planes = file.getValue();
            List<TrainingSample> withNeighbours = new ArrayList<>();
            for (int i = 0; i < planes.size(); i++) {
                int first = i - i % depth;
                List<PlaneAccess> around = new ArrayList<>();
                for (int dz : ModelDescriptor.Tiling.sliceOffsets(halo)) {
                    around.add(planes.get(first + Mirror.reflect(i % depth + dz, depth)).channels().get(0));
                }
                TrainingSample own = planes.get(i);
                withNeighbours.add(new TrainingSample(own.name(), around, own.normalize()));
            }
            context.put(file.getKey(), withNeighbours);
        }
        return new TrainingFolder(folder, context, slices, spacings, 2 * halo + 1, halo);
    }

    /**
     * The usual distance between slices in pixel widths: the median over the files, as their calibrations state it
     * (an uncalibrated stack counts as 1).
     */
    public double sliceSpacing() {
        double[] all = spacings.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return all.length == 0 ? 0 : all[all.length / 2];
    }

    /** Neighbouring slices on each side in every sample's channels (after {@link #withSliceContext}); else 0. */
    public int sliceHalo() {
        return sliceHalo;
    }

    public Path folder() {
        return folder;
    }

    public int channels() {
        return channels;
    }

    /** File names, sorted. */
    public List<String> fileNames() {
        return List.copyOf(byFile.keySet());
    }

    /** The samples of one file (one per slice and frame). */
    public List<TrainingSample> samplesOf(String fileName) {
        return byFile.get(fileName);
    }

    /** All samples of the given files, in file order. */
    public List<TrainingSample> samples(List<String> fileNames) {
        List<TrainingSample> all = new ArrayList<>();
        for (String name : fileNames) {
            List<TrainingSample> samples = byFile.get(name);
            if (samples == null) {
                throw new UserException("No file " + name + " in " + folder);
            }
            all.addAll(samples);
        }
        return all;
    }

    /** A file's slice spacing; an uncalibrated or unusable calibration counts as 1. */
    private static double spacing(HyperImage<?> image) {
        double spacing = image.metadata().sliceSpacing();
        return spacing > 0 ? spacing : 1;
    }

    /** All samples of the folder. */
    public List<TrainingSample> samples() {
        return samples(fileNames());
    }
}
