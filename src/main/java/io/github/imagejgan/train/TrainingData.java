package io.github.imagejgan.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;

import io.github.imagejgan.image.PercentileNormalizer;
import io.github.imagejgan.task.UserException;

/**
 * Training and validation patches from folders, in the three layouts users have: paired folders (input and target
 * files matched by name), one folder of clean images plus a degradation, noisy images alone, and two unpaired domains.
 * A fraction of the files is held out for validation; with fewer than ten files (paired, degraded, noisy), a strip
 * of that fraction of the rows at the bottom of every image instead, so that no image is left out of training.
 *
 * @param training   patches for the training steps
 * @param validation fixed held-out patches
 * @param warnings   what the user should know about the data, e.g. images left out because they are smaller than
 *                   a patch
 */
public record TrainingData(PatchSource training, List<PatchBatch> validation, List<String> warnings) {

    public TrainingData {
        warnings = List.copyOf(warnings);
    }

    /**
     * The same patches with each input's noise map as a further channel, for a denoiser that takes one
     * ({@link NoiseMapPatches}).
     */
    public TrainingData withNoiseMap() {
        return new TrainingData(new NoiseMapPatches(training), validation.stream().map(NoiseMapPatches::withNoiseMap)
                .toList(), warnings);
    }

    /**
     * Patch counts and split of a dataset.
     *
     * @param patch              side of the target patches (inputs are smaller for super-resolution)
     * @param batch              patches per step
     * @param validationFraction share of the files held out for validation
     * @param validationBatches  held-out batches evaluated at each validation
     * @param seed               seed of the split and of the patch positions
     */
    public record Sampling(int patch, int batch, double validationFraction, int validationBatches, long seed) {

        public Sampling {
            if (patch < 8 || batch < 1 || validationFraction < 0 || validationFraction >= 1
                    || validationBatches < 0) {
                throw new UserException("Need patch >= 8, batch >= 1, 0 <= validation fraction < 1");
            }
        }
    }

    /** Input/target folders with the same file names; targets {@code scale} times larger for super-resolution. */
    public static TrainingData paired(Path inputFolder, Path targetFolder, int scale, Sampling sampling) {
        return paired(TrainingFolder.open(inputFolder, PercentileNormalizer.DEFAULT),
                TrainingFolder.open(targetFolder, PercentileNormalizer.DEFAULT), scale, sampling);
    }

    /** As {@link #paired(Path, Path, int, Sampling)}, from folders already opened (e.g. with slice context). */
    public static TrainingData paired(TrainingFolder inputs, TrainingFolder targets, int scale, Sampling sampling) {
        Path inputFolder = inputs.folder();
        Path targetFolder = targets.folder();
        List<String> warnings = new ArrayList<>();
        requireSameNames("Input and target", inputFolder, inputs, targetFolder, targets);
        String description = "pairs from " + inputFolder + " (inputs) and " + targetFolder + " (targets)";
        List<String> usable = largeEnough(inputs, sampling.patch() / scale, warnings);
        return split(usable, inputs, sampling.patch() / scale, sampling, warnings, (files, region, seed) -> {
            List<TrainingSample> in = new ArrayList<>();
            List<TrainingSample> out = new ArrayList<>();
            // Predictions are mapped back with the input's range, so targets are brought into the input's units
            // first: a target taken with ten times the exposure would otherwise ask for ten times the values. The
            // fit uses whole images; the region is cut afterwards.
            List<TrainingSample> inputSamples = inputs.samples(files);
            List<TrainingSample> targetSamples = targets.samples(files);
            for (int i = 0; i < inputSamples.size(); i++) {
                TrainingSample t = targetSamples.get(i);
                in.add(region.of(inputSamples.get(i), 1));
                out.add(region.of(new TrainingSample(t.name(), t.channels(), TargetScale.fit(inputSamples.get(i), t,
                        scale)), scale));
            }
            return new PairedPatches(in, out, sampling.patch() / scale, sampling.batch(), scale, seed,
                    description);
        });
    }

    /**
     * Label images and their real images, matched by file name, for label-to-image synthesis. The labels keep their
     * values; the real images are normalized file by file.
     *
     * @param instances the labels are instance ids (each object its own id) rather than class ids
     */
    public static TrainingData synthesis(Path labelFolder, Path imageFolder, boolean instances, Sampling sampling) {
        TrainingFolder labels = TrainingFolder.open(labelFolder, null);
        TrainingFolder images = TrainingFolder.open(imageFolder, PercentileNormalizer.DEFAULT);
        requireSameNames("Label and image", labelFolder, labels, imageFolder, images);
        int largest = LabelIds.largestId(labels);
        int classes = instances ? 2 : LabelIds.classes(largest);
        String description = (instances ? "instance" : "class") + " labels from " + labelFolder + ", images from "
                + imageFolder;
        List<String> warnings = new ArrayList<>();
        List<String> usable = largeEnough(labels, sampling.patch(), warnings);
        return split(usable, labels, sampling.patch(), sampling, warnings, (files, region, seed) ->
                new SynthesisPatches(region.all(labels.samples(files)), region.all(images.samples(files)), classes,
                        sampling.patch(), sampling.batch(), seed, description));
    }

    /** One folder of clean images; inputs are made by {@code degradation}. */
    public static TrainingData degraded(Path cleanFolder, PatchDegradation degradation, Sampling sampling) {
        return degraded(TrainingFolder.open(cleanFolder, PercentileNormalizer.DEFAULT), degradation, sampling);
    }

    /** As {@link #degraded(Path, PatchDegradation, Sampling)}, from a folder already opened. */
    public static TrainingData degraded(TrainingFolder clean, PatchDegradation degradation, Sampling sampling) {
        Path cleanFolder = clean.folder();
        String description = "clean images from " + cleanFolder + ", inputs synthesized by "
                + degradation.describe().getOrDefault("type", "a degradation");
        List<String> warnings = new ArrayList<>();
        List<String> usable = largeEnough(clean, sampling.patch(), warnings);
        return split(usable, clean, sampling.patch(), sampling, warnings, (files, region, seed) -> new DegradedPatches(
                region.all(clean.samples(files)), degradation, sampling.patch(), sampling.batch(), seed, description));
    }

    /**
     * Noisy images alone, for self-supervised denoising: targets are the noisy images themselves, inputs get blind
     * spots or are sampled into neighbour pairs. Validation patches come from held-out files, or from the same files
     * when there are few (their blind spots or pairs fall elsewhere).
     */
    public static TrainingData noisy(TrainingFolder noisy, SelfSupervision scheme, Sampling sampling) {
        String description = "noisy images from " + noisy.folder() + " (self-supervised, " + scheme.type() + " "
                + scheme.spec() + ")";
        List<String> warnings = new ArrayList<>();
        List<String> usable = largeEnough(noisy, sampling.patch(), warnings);
        return split(usable, noisy, sampling.patch(), sampling, warnings, (files, region, seed) -> new NoisyPatches(
                region.all(noisy.samples(files)), scheme, sampling.patch(), sampling.batch(), seed, description));
    }

    /** Two unpaired domains. */
    public static TrainingData unpaired(Path domainA, Path domainB, Sampling sampling) {
        TrainingFolder a = TrainingFolder.open(domainA, PercentileNormalizer.DEFAULT);
        TrainingFolder b = TrainingFolder.open(domainB, PercentileNormalizer.DEFAULT);
        String description = "domain A " + domainA + ", domain B " + domainB;
        List<String> warnings = new ArrayList<>();
        List<String> namesA = largeEnough(a, sampling.patch(), warnings);
        List<String> namesB = largeEnough(b, sampling.patch(), warnings);
        List<String>[] splitA = holdOut(namesA, sampling);
        List<String>[] splitB = holdOut(namesB, sampling);
        PatchSource training = new UnpairedPatches(a.samples(splitA[0]), b.samples(splitB[0]), sampling.patch(),
                sampling.batch(), sampling.seed(), description);
        PatchSource held = new UnpairedPatches(a.samples(splitA[1]), b.samples(splitB[1]), sampling.patch(),
                sampling.batch(), sampling.seed() + 1, description);
        return new TrainingData(training, fixedBatches(held, sampling.validationBatches()), warnings);
    }

    /**
     * Checks that two folders hold the same file names, with the same numbers of planes.
     *
     * @param roles what the two folders hold, e.g. "Input and target"
     */
    private static void requireSameNames(String roles, Path inputFolder, TrainingFolder inputs, Path targetFolder,
            TrainingFolder targets) {
        TreeSet<String> onlyInputs = new TreeSet<>(inputs.fileNames());
        onlyInputs.removeAll(targets.fileNames());
        TreeSet<String> onlyTargets = new TreeSet<>(targets.fileNames());
        onlyTargets.removeAll(inputs.fileNames());
        if (!onlyInputs.isEmpty() || !onlyTargets.isEmpty()) {
            throw new TrainingDataException(roles + " folders have different file names: only in "
                    + inputFolder.getFileName() + ": " + shortList(onlyInputs) + "; only in "
                    + targetFolder.getFileName() + ": " + shortList(onlyTargets) + ". Pairs are matched by name.");
        }
        for (String name : inputs.fileNames()) {
            if (inputs.samplesOf(name).size() != targets.samplesOf(name).size()) {
                throw new TrainingDataException(roles + " " + name + " have different numbers of slices or "
                        + "frames.");
            }
        }
    }

    /**
     * The files of a folder whose every plane holds a patch; each file left out is named in {@code warnings}.
     *
     * @throws TrainingDataException if no file is large enough
     */
    private static List<String> largeEnough(TrainingFolder folder, int patch, List<String> warnings) {
        List<String> usable = new ArrayList<>();
        for (String name : folder.fileNames()) {
            TrainingSample small = folder.samplesOf(name).stream().filter(s -> s.width() < patch
                    || s.height() < patch).findFirst().orElse(null);
            if (small == null) {
                usable.add(name);
            } else {
                warnings.add("Left out " + name + " (" + small.width() + "x" + small.height() + "): smaller than the "
                        + patch + "-pixel training patch.");
            }
        }
        if (usable.isEmpty()) {
            throw new TrainingDataException("Every image in " + folder.folder() + " is smaller than the " + patch
                    + "-pixel training patch. Choose a smaller patch size or larger images.");
        }
        return usable;
    }

    /** Builds a source over the given region of the given files, with a given seed. */
    @FunctionalInterface
    private interface SourceFactory {
        PatchSource create(List<String> files, Region region, long seed);
    }

    /** Below this many files, validation holds out a strip of every image rather than whole files. */
    static final int STRIPS_BELOW_FILES = 10;

    /**
     * The rows of each image that a source takes: all of them, or, when validation holds out a strip at the bottom
     * of every image, the rows above the strip (training) or the strip itself (validation).
     *
     * @param patch    input patch side, which the strip and the rows above it must each hold
     * @param fraction share of the rows in the strip
     * @param part     which rows
     */
    record Region(int patch, double fraction, Part part) {

        /** All rows, the rows above the strip, or the strip. */
        enum Part { ALL, ABOVE_STRIP, STRIP }

        static final Region WHOLE = new Region(0, 0, Part.ALL);

        /** Rows of the strip of an image {@code height} input rows high. */
        static int stripRows(int height, int patch, double fraction) {
            return Math.max(patch, (int) Math.round(height * fraction));
        }

        /** Whether an image of {@code height} input rows holds a patch both above and in its strip. */
        static boolean fits(int height, int patch, double fraction) {
            return height - stripRows(height, patch, fraction) >= patch;
        }

        /** This region of a sample; {@code scale} is the sample's size over the input's (targets of super-resolution). */
        TrainingSample of(TrainingSample sample, int scale) {
            if (part == Part.ALL) {
                return sample;
            }
            int inputRows = sample.height() / scale;
            int top = (inputRows - stripRows(inputRows, patch, fraction)) * scale;
            return part == Part.ABOVE_STRIP ? sample.rows(0, top) : sample.rows(top, sample.height() - top);
        }

        List<TrainingSample> all(List<TrainingSample> samples) {
            return samples.stream().map(s -> of(s, 1)).toList();
        }
    }

    /**
     * Training and validation sources. With many files, whole files are held out; with fewer than
     * {@link #STRIPS_BELOW_FILES}, where one held-out file would take a large share of the data (or, with one file,
     * validation would see the training pixels), a strip at the bottom of every image is held out instead, when
     * every image is tall enough to hold a patch above and in the strip.
     */
    private static TrainingData split(List<String> files, TrainingFolder inputs, int inputPatch, Sampling sampling,
            List<String> warnings, SourceFactory sources) {
        // Samples with their neighbouring slices as channels train a 2.5D model, whose targets are the slices alone.
        SourceFactory factory = inputs.sliceHalo() == 0 ? sources
                : (names, region, seed) -> new CentreSliceTargets(sources.create(names, region, seed),
                        inputs.sliceSpacing());
        double fraction = sampling.validationFraction();
        boolean strips = fraction > 0 && files.size() < STRIPS_BELOW_FILES && inputs.samples(files).stream()
                .allMatch(s -> Region.fits(s.height(), inputPatch, fraction));
        if (strips) {
            PatchSource training = factory.create(files, new Region(inputPatch, fraction, Region.Part.ABOVE_STRIP),
                    sampling.seed());
            PatchSource held = factory.create(files, new Region(inputPatch, fraction, Region.Part.STRIP),
                    sampling.seed() + 1);
            return new TrainingData(training, fixedBatches(held, sampling.validationBatches()), warnings);
        }
        List<String>[] parts = holdOut(files, sampling);
        PatchSource training = factory.create(parts[0], Region.WHOLE, sampling.seed());
        PatchSource held = factory.create(parts[1], Region.WHOLE, sampling.seed() + 1);
        return new TrainingData(training, fixedBatches(held, sampling.validationBatches()), warnings);
    }

    /** Training files and validation files: a seeded choice of about the given fraction, at least one each. */
    @SuppressWarnings("unchecked")
    private static List<String>[] holdOut(List<String> files, Sampling sampling) {
        if (files.size() < 2 || sampling.validationFraction() == 0) {
            return new List[] { files, files };
        }
        List<String> shuffled = new ArrayList<>(files);
        SplittableRandom random = new SplittableRandom(sampling.seed());
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, t);
        }
        int held = (int) Math.max(1, Math.min(files.size() - 1, Math.round(files.size()
                * sampling.validationFraction())));
        List<String> validation = new ArrayList<>(new TreeSet<>(shuffled.subList(0, held)));
        List<String> training = new ArrayList<>(new TreeSet<>(shuffled.subList(held, shuffled.size())));
        return new List[] { training, validation };
    }

    /** The first {@code count} batches of a source: the same patches at every validation. */
    public static List<PatchBatch> fixedBatches(PatchSource source, int count) {
        List<PatchBatch> batches = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            batches.add(source.batch(i));
        }
        return batches;
    }

    private static String shortList(TreeSet<String> names) {
        if (names.isEmpty()) {
            return "none";
        }
        Function<List<String>, String> join = l -> String.join(", ", l);
        List<String> list = new ArrayList<>(names);
        return list.size() <= 5 ? join.apply(list) : join.apply(list.subList(0, 5)) + " and " + (list.size() - 5)
                + " more";
    }
}
