package io.github.imagejgan.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import io.github.imagejgan.image.AtomicFiles;
import io.github.imagejgan.image.DeviceSelector;
import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.Networks;
import io.github.imagejgan.nn.TorchScriptNetwork;
import io.github.imagejgan.nn.TorchScriptSpec;
import io.github.imagejgan.task.UserException;

/**
 * Reads and writes model packages. Entries: {@code model.json}, the generator's weights, and any extra entries a
 * writer adds (training checkpoints add the discriminator, optimizer state and step). The weights are
 * {@code generator.params} (DJL parameter format) for networks built here, or {@code model.pt} (a TorchScript module)
 * for imported ones.
 *
 * <p>Writing goes to a temporary file beside the target, renamed into place, so no reader ever sees half a package.
 * Reading takes only the entries a use needs into memory, each when it is needed and with a size limit, and rejects
 * entry names that could escape a folder ({@code ../}, absolute paths) even though nothing is ever extracted to disk.
 */
public final class ModelPackage {

    public static final String DESCRIPTOR = "model.json";
    public static final String GENERATOR = "generator.params";
    /** The second generator of an unpaired (CycleGAN) model, translating back from domain B to domain A. */
    public static final String REVERSE_GENERATOR = "G_BA.params";
    /** The TorchScript module of an imported network ({@link TorchScriptSpec}), instead of generator.params. */
    public static final String TORCHSCRIPT = "model.pt";

    private static final long MAX_JSON_BYTES = 1 << 20;
    /**
     * The most an entry without a size of its own may hold (a TorchScript module, optimizer state, training state):
     * far above any real one, and below what a Java array can hold.
     */
    private static final long MAX_ENTRY_BYTES = 1L << 30;

    private final Path file;
    private final ModelDescriptor descriptor;
    private final Set<String> names;

    private ModelPackage(Path file, ModelDescriptor descriptor, Set<String> names) {
        this.file = file;
        this.descriptor = descriptor;
        this.names = names;
    }

    /** Writes a package with the generator's current weights and the given extra entries. */
    public static void write(Path file, ModelDescriptor descriptor, Block generator, Map<String, byte[]> extras)
            throws IOException {
        if (descriptor.generator() instanceof TorchScriptSpec) {
            throw new UserException("A TorchScript network is written with its module: use "
                    + "writeTorchScript.");
        }
        write(file, descriptor, parameters(generator), extras);
    }

    /**
     * Writes a package around a TorchScript module (the bytes of a {@code .pt} file), described by a descriptor
     * whose generator is a {@link TorchScriptSpec}.
     */
    public static void writeTorchScript(Path file, ModelDescriptor descriptor, byte[] module) throws IOException {
        writeTorchScript(file, descriptor, module, Map.of());
    }

    /** As {@link #writeTorchScript(Path, ModelDescriptor, byte[])}, with extra entries (such as a description). */
    public static void writeTorchScript(Path file, ModelDescriptor descriptor, byte[] module,
            Map<String, byte[]> extras) throws IOException {
        if (!(descriptor.generator() instanceof TorchScriptSpec)) {
            throw new UserException("Only a TorchScript network is written with a module; this one is "
                    + descriptor.generator().type() + ".");
        }
        write(file, descriptor, module, extras);
    }

    /** The entry that holds the weights of a network of this kind. */
    public static String weightsEntry(NetworkSpec spec) {
        return spec instanceof TorchScriptSpec ? TORCHSCRIPT : GENERATOR;
    }

    /**
     * Writes the model part of a training checkpoint as a compact package for sharing: description (passed through
     * {@code edit}) and generator(s), without the discriminators, optimizer state and training state.
     */
    public static void exportModel(Path checkpoint, Path target, UnaryOperator<ModelDescriptor> edit)
            throws IOException {
        ModelPackage pkg = open(checkpoint);
        Map<String, byte[]> extras = new LinkedHashMap<>();
        if (pkg.entry(REVERSE_GENERATOR) != null) {
            extras.put(REVERSE_GENERATOR, pkg.entry(REVERSE_GENERATOR));
        }
        write(target, edit.apply(pkg.descriptor()), pkg.entry(weightsEntry(pkg.descriptor().generator())), extras);
    }

    private static void write(Path file, ModelDescriptor descriptor, byte[] generator, Map<String, byte[]> extras)
            throws IOException {
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put(DESCRIPTOR, ModelJson.write(descriptor).getBytes(StandardCharsets.UTF_8));
        all.put(weightsEntry(descriptor.generator()), generator);
        extras.forEach((name, bytes) -> {
            SafeZip.checkName(name);
            if (all.containsKey(name)) {
                throw new UserException("Entry " + name + " is reserved");
            }
            all.put(name, bytes);
        });
        AtomicFiles.write(file, tmp -> {
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
                for (Map.Entry<String, byte[]> e : all.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
        });
    }

    /** A block's parameters in DJL's format. */
    public static byte[] parameters(Block block) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        return bytes.toByteArray();
    }

    /**
     * Opens a package: checks its entry names, reads and validates {@code model.json}, and checks that the weights
     * are there. Nothing else is read until it is asked for, each entry with a size limit: a package may carry
     * large entries (training state, or anything a hostile writer adds) that a use of it never needs.
     *
     * @throws ModelFormatException for anything that is not a valid package
     */
    public static ModelPackage open(Path file) throws IOException {
        try (SafeZip zip = SafeZip.open(file, "a model package")) {
            requireEntry(zip, DESCRIPTOR);
            ModelDescriptor descriptor = ModelJson.read(new String(zip.read(DESCRIPTOR, MAX_JSON_BYTES),
                    StandardCharsets.UTF_8));
            requireEntry(zip, weightsEntry(descriptor.generator()));
            return new ModelPackage(file, descriptor, Set.copyOf(zip.names()));
        }
    }

    /**
     * Reads only {@code model.json} of a package: enough to list models without reading their weights.
     *
     * @throws ModelFormatException if the package or its description is not valid
     */
    public static ModelDescriptor describe(Path file) throws IOException {
        return open(file).descriptor();
    }

    private static void requireEntry(SafeZip zip, String name) {
        if (!zip.contains(name)) {
            throw new ModelFormatException(zip.fileName() + " is not a complete model package: " + name
                    + " is missing.");
        }
    }

    /** Opens and loads a package's generator onto a device. */
    public static LoadedModel load(Path file, Device device) throws IOException {
        return open(file).load(device);
    }

    public ModelDescriptor descriptor() {
        return descriptor;
    }

    /** True if the package has an entry of this name; nothing is read. */
    public boolean contains(String name) {
        return names.contains(name);
    }

    /**
     * An entry's bytes, read now, or null if the package has no such entry.
     *
     * @throws ModelFormatException if the entry is corrupt, larger than any real one, or the package can no longer
     *                              be read
     */
    public byte[] entry(String name) {
        return names.contains(name) ? read(name, MAX_ENTRY_BYTES) : null;
    }

    /**
     * Reads one entry. The package was readable when it was opened; failing now means it changed or went away, which
     * the user fixes as any other unreadable package, so it is a format error rather than a checked I/O error.
     */
    private byte[] read(String name, long limit) {
        try (SafeZip zip = SafeZip.open(file, "a model package")) {
            return zip.read(name, limit);
        } catch (IOException e) {
            throw new ModelFormatException(file.getFileName() + " can no longer be read (" + e.getMessage() + ").",
                    e);
        }
    }

    /** Builds the generator on {@code device} and loads its weights. */
    public LoadedModel load(Device device) {
        return load(device, GENERATOR);
    }

    /**
     * Builds the reverse generator of an unpaired (style) model, translating from domain B back to domain A.
     *
     * @throws ModelFormatException if the package has none
     */
    public LoadedModel loadReverse(Device device) {
        if (!names.contains(REVERSE_GENERATOR)) {
            throw new ModelFormatException("Model '" + descriptor.name() + "' translates in one direction only.");
        }
        return load(device, REVERSE_GENERATOR);
    }

    private LoadedModel load(Device device, String entry) {
        NDManager manager = DeviceSelector.newManager(device);
        try {
            if (descriptor.generator() instanceof TorchScriptSpec spec) {
                return new LoadedModel(descriptor, loadTorchScript(spec, manager), manager);
            }
            Block generator = descriptor.generator().build();
            loadParameters(generator, descriptor.generator(), entry, manager);
            return new LoadedModel(descriptor, generator, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private Block loadTorchScript(TorchScriptSpec spec, NDManager manager) {
        try {
            return TorchScriptNetwork.load(read(TORCHSCRIPT, MAX_ENTRY_BYTES), spec, manager);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(TORCHSCRIPT + " of model '" + descriptor.name() + "': " + e.getMessage(),
                    e);
        }
    }

    /**
     * Loads the parameters stored in entry {@code name} into {@code block}. Parameters are loaded before the block
     * is initialized, so initialization keeps them instead of drawing new random weights. The entry is read with the
     * size that weights of the described network can have, and every loaded shape is checked against it.
     */
    public void loadParameters(Block block, NetworkSpec spec, String name, NDManager manager) {
        if (!names.contains(name)) {
            throw new ModelFormatException("The package has no entry " + name + ".");
        }
        try (ReferenceNetwork reference = new ReferenceNetwork(spec)) {
            byte[] bytes = read(name, reference.maxStoredBytes());
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                block.loadParameters(manager, in);
                block.initialize(manager, DataType.FLOAT32, Networks.initShape(spec));
                reference.checkShapes(block, name);
            } catch (ModelFormatException e) {
                throw e;
            } catch (IOException | MalformedModelException | IllegalArgumentException | IllegalStateException
                    | ai.djl.engine.EngineException e) {
                throw new ModelFormatException("The weights in " + name + " do not fit the network described in "
                        + "model.json (" + spec.type() + "): " + e.getMessage(), e);
            }
        }
    }
}
