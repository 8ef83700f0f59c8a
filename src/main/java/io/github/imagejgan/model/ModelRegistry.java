package io.github.imagejgan.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.imagejgan.image.AtomicFiles;
import io.github.imagejgan.task.UserException;

/**
 * The models a user can choose: the ones shipped with the plugin and the ones the user imported or trained.
 *
 * <p>Where they live: shipped models in {@code <Fiji>/models/imagej-gan/} (installed by the update site), or where
 * {@link ShippedModelFolders} says otherwise; user models in the folder of the system property
 * {@code imagejgan.user.models}, else the environment variable {@code IMAGEJ_GAN_MODELS}, else
 * {@code ~/.imagej-gan/models}.
 */
public final class ModelRegistry {

    /**
     * Names of shipped models that were retired, each with the shipped model that now answers to it, so that macros,
     * scripts and command lines written for them keep working. The retired models were trained at one noise level on
     * synthetic content and lost to tuned classical filters by 1 to 14 dB on real images; the general models cover
     * their noise and content and restore real images better at every level (models/MODELS.md).
     */
    private static final Map<String, String> RETIRED = Map.of(
            "denoise-fluorescence", "denoise-general",
            "denoise-ct-mr", "denoise-general",
            "sr2-fluorescence", "sr2-general");

    /** Names users can type in macros and on command lines. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final List<Path> shippedFolders;
    private final Path userFolder;

    public ModelRegistry(List<Path> shippedFolders, Path userFolder) {
        this.shippedFolders = List.copyOf(shippedFolders);
        this.userFolder = userFolder;
    }

    /** The registry at the standard places (see the class description). */
    public static ModelRegistry standard() {
        return new ModelRegistry(ShippedModelFolders.standard(), standardUserFolder());
    }

    private static Path standardUserFolder() {
        String property = System.getProperty("imagejgan.user.models");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("IMAGEJ_GAN_MODELS");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".imagej-gan", "models");
    }

    public Path userFolder() {
        return userFolder;
    }

    /** Where models are looked for, in words for a user who has none: "shipped models in A or B, yours in C". */
    public String whereModelsAre() {
        String shipped = shippedFolders.isEmpty() ? "no folder (give -D" + ShippedModelFolders.PROPERTY + "=DIR)"
                : String.join(" or ", shippedFolders.stream().map(Path::toString).toList());
        return "shipped models are looked for in " + shipped + ", yours in " + userFolder;
    }

    /** All readable models, user models after shipped ones; see {@link #problems()} for unreadable files. */
    public List<ModelEntry> list() {
        return new ArrayList<>(scan().entries.values());
    }

    /** The models for one task: its recommended model first ({@link ModelTask#recommendedModel()}), then by folder. */
    public List<ModelEntry> list(ModelTask task) {
        List<ModelEntry> models = new ArrayList<>(list().stream().filter(e -> e.descriptor().task() == task).toList());
        models.sort(Comparator.comparing(e -> !e.name().equals(task.recommendedModel())));
        return models;
    }

    /** Files in the model folders that are not valid packages, with the reason. */
    public List<String> problems() {
        return scan().problems;
    }

    /** The shipped model that now answers to a retired model's name; null for any other name. */
    public static String replacementOf(String retiredName) {
        return RETIRED.get(retiredName);
    }

    /**
     * The model with this name, or the package at this path. A retired shipped model's name finds the model that
     * replaced it ({@link #replacementOf}), unless a model of that name exists.
     *
     * @throws IllegalArgumentException naming the models there are, if there is no such model
     */
    public ModelEntry find(String nameOrPath) throws IOException {
        Path asPath = nameOrPath.toLowerCase(Locale.ROOT).endsWith(".zip") ? Path.of(nameOrPath) : null;
        if (asPath != null && Files.isRegularFile(asPath)) {
            return new ModelEntry(baseName(asPath), asPath, false, ModelPackage.describe(asPath));
        }
        Map<String, ModelEntry> entries = scan().entries;
        ModelEntry entry = entries.get(nameOrPath);
        if (entry == null && RETIRED.containsKey(nameOrPath)) {
            entry = entries.get(RETIRED.get(nameOrPath));
        }
        if (entry == null && entries.isEmpty()) {
            throw new UserException("No model named '" + nameOrPath + "': there are no models at all ("
                    + whereModelsAre() + "). Put the model packages (.zip) there, or give the path of one.");
        }
        if (entry == null) {
            throw new UserException("No model named '" + nameOrPath + "'. Known models: "
                    + String.join(", ", entries.keySet()) + ". Give a name from this list or the path of a "
                    + ".zip model package.");
        }
        return entry;
    }

    /** What a denoiser's name is followed by to name its network for noise spread over neighbouring pixels. */
    public static final String SPREAD_NOISE_SUFFIX = "-spread";

    /**
     * The denoiser that stands in for {@code entry} where an image's noise is spread over neighbouring pixels
     * (demosaicing, resampling, compression): the denoising model named as {@code entry} with
     * {@value #SPREAD_NOISE_SUFFIX} after it, among the known models, or beside a package given by its path; empty for
     * other tasks or where there is none. The shipped {@code denoise-general} has {@code denoise-general-spread}.
     */
    public Optional<ModelEntry> spreadNoiseCompanion(ModelEntry entry) throws IOException {
        if (entry.descriptor().task() != ModelTask.DENOISE) {
            return Optional.empty();
        }
        Path sibling = entry.file().resolveSibling(baseName(entry.file()) + SPREAD_NOISE_SUFFIX + ".zip");
        ModelEntry companion = Files.isRegularFile(sibling)
                ? new ModelEntry(baseName(sibling), sibling, entry.shipped(), ModelPackage.describe(sibling))
                : scan().entries.get(entry.name() + SPREAD_NOISE_SUFFIX);
        return Optional.ofNullable(companion).filter(c -> c.descriptor().task() == ModelTask.DENOISE);
    }

    /**
     * Copies a package into the user folder under its file name (or {@code name}), after loading its network once on
     * the CPU and running it over a small input: a package whose weights cannot load or whose network does not run
     * is refused here, not found broken when it is first used.
     *
     * @throws IllegalArgumentException if the name is taken or unusable
     * @throws ModelFormatException     if the package is not valid or its network does not load or run
     */
    public ModelEntry importPackage(Path file, String name, boolean replace) throws IOException {
        ModelPackage pkg = ModelPackage.open(file);
        String target = name == null || name.isBlank() ? baseName(file) : name;
        if (!NAME.matcher(target).matches()) {
            throw new UserException("Model name '" + target + "' is not usable: use letters, digits, '.', "
                    + "'-' and '_' (up to 100 characters).");
        }
        Scan scan = scan();
        ModelEntry existing = scan.entries.get(target);
        if (existing != null && (existing.shipped() || !replace)) {
            throw new UserException("A " + (existing.shipped() ? "shipped " : "") + "model named '"
                    + target + "' exists already; import under another name" + (existing.shipped() ? "."
                            : " or allow replacing it."));
        }
        try {
            ModelTrial.run(pkg);
        } catch (ModelFormatException e) {
            throw new ModelFormatException(file.getFileName() + " is not imported: " + e.getMessage(), e);
        }
        Path destination = userFolder.resolve(target + ".zip");
        AtomicFiles.write(destination, tmp -> Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING));
        return new ModelEntry(target, destination, false, pkg.descriptor());
    }

    /**
     * Deletes a user model, chosen by its name in the registry. A path is refused, never resolved: a path such as
     * {@code <user folder>/../<shipped folder>/x.zip} would otherwise reach a shipped model. The file must also lie
     * directly in the user folder once both are resolved to real paths, so a symbolic link cannot lead elsewhere.
     *
     * @throws UserException if the name is a path, names no user model, or the file is outside the user folder
     */
    public void delete(String name) throws IOException {
        // NAME has no path separators and cannot be "..", so a name can only mean an entry of the registry.
        if (!NAME.matcher(name).matches() || name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            throw new UserException("'" + name + "' is not a model name: give the name of a user model as the model "
                    + "list shows it (e.g. 'my-denoiser'), not a file or path. Only models in " + userFolder
                    + " can be deleted.");
        }
        Scan scan = scan();
        ModelEntry entry = scan.entries.get(name);
        if (entry == null) {
            throw new UserException("No model named '" + name + "'. User models: " + String.join(", ", scan.entries
                    .values().stream().filter(e -> !e.shipped()).map(ModelEntry::name).toList()) + ".");
        }
        if (entry.shipped()) {
            throw new UserException("'" + name + "' is a shipped model and cannot be deleted.");
        }
        Path file = entry.file().toRealPath();
        if (!file.getParent().equals(userFolder.toRealPath())) {
            throw new UserException("'" + name + "' is not deleted: its file " + entry.file() + " leads to " + file
                    + ", outside the user model folder " + userFolder + ". Remove it there yourself if you mean to.");
        }
        Files.delete(file);
    }

    private record Scan(Map<String, ModelEntry> entries, List<String> problems) {
    }

    private Scan scan() {
        Map<String, ModelEntry> entries = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path folder : shippedFolders) {
            scanFolder(folder, true, entries, problems);
        }
        scanFolder(userFolder, false, entries, problems);
        return new Scan(entries, problems);
    }

    private static void scanFolder(Path folder, boolean shipped, Map<String, ModelEntry> entries,
            List<String> problems) {
        if (folder == null || !Files.isDirectory(folder)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".zip") && !p.getFileName().toString()
                    .startsWith(".")).sorted().toList();
        } catch (IOException e) {
            problems.add(folder + ": " + e.getMessage());
            return;
        }
        for (Path file : files) {
            String name = baseName(file);
            try {
                ModelDescriptor descriptor = ModelPackage.describe(file);
                // A shipped model keeps its name; a user model of the same name could not be chosen.
                if (!entries.containsKey(name)) {
                    entries.put(name, new ModelEntry(name, file, shipped, descriptor));
                } else {
                    problems.add(file + ": the name '" + name + "' is taken by " + entries.get(name).file());
                }
            } catch (IOException | RuntimeException e) {
                problems.add(file + ": " + e.getMessage());
            }
        }
    }

    private static String baseName(Path file) {
        return file.getFileName().toString().replaceFirst("(?i)\\.zip$", "");
    }
}
