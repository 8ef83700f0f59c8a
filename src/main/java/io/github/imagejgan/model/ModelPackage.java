package io.github.imagejgan.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParameterList;
import io.github.imagejgan.image.AtomicFiles;
import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.Networks;
import io.github.imagejgan.nn.TorchScriptNetwork;
import io.github.imagejgan.nn.TorchScriptSpec;

/**
 * Reads and writes model packages. Entries: {@code model.json}, the generator's weights, and any extra entries a
 * writer adds (training checkpoints add the discriminator, optimizer state and step). The weights are
 * {@code generator.params} (DJL parameter format) for networks built here, or {@code model.pt} (a TorchScript module)
 * for imported ones.
 *
 * <p>Writing goes to a temporary file beside the target, renamed into place, so no reader ever sees half a package.
 * Reading takes entries into memory with size limits, and rejects entry names that could escape a folder
 * ({@code ../}, absolute paths) even though nothing is ever extracted to disk.
 */
public final class ModelPackage {

    public static final String DESCRIPTOR = "model.json";
    public static final String GENERATOR = "generator.params";
    /** The second generator of an unpaired (CycleGAN) model, translating back from domain B to domain A. */
    public static final String REVERSE_GENERATOR = "G_BA.params";
    /** The TorchScript module of an imported network ({@link TorchScriptSpec}), instead of generator.params. */
    public static final String TORCHSCRIPT = "model.pt";

    private static final long MAX_JSON_BYTES = 1 << 20;
    private static final long MAX_ENTRY_BYTES = 1L << 30;

    private final ModelDescriptor descriptor;
    private final Map<String, byte[]> entries;

    private ModelPackage(ModelDescriptor descriptor, Map<String, byte[]> entries) {
        this.descriptor = descriptor;
        this.entries = entries;
    }

    /** Writes a package with the generator's current weights and the given extra entries. */
    public static void write(Path file, ModelDescriptor descriptor, Block generator, Map<String, byte[]> extras)
            throws IOException {
        if (descriptor.generator() instanceof TorchScriptSpec) {
            throw new IllegalArgumentException("A TorchScript network is written with its module: use "
                    + "writeTorchScript.");
        }
        write(file, descriptor, parameters(generator), extras);
    }

    /**
     * Writes a package around a TorchScript module (the bytes of a {@code .pt} file), described by a descriptor
     * whose generator is a {@link TorchScriptSpec}.
     */
    public static void writeTorchScript(Path file, ModelDescriptor descriptor, byte[] module) throws IOException {
        if (!(descriptor.generator() instanceof TorchScriptSpec)) {
            throw new IllegalArgumentException("Only a TorchScript network is written with a module; this one is "
                    + descriptor.generator().type() + ".");
        }
        write(file, descriptor, module, Map.of());
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
                throw new IllegalArgumentException("Entry " + name + " is reserved");
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
     * Opens a package: reads and validates {@code model.json} and keeps all entries in memory.
     *
     * @throws ModelFormatException for anything that is not a valid package
     */
    public static ModelPackage open(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (SafeZip zip = SafeZip.open(file, "a model package")) {
            for (String name : zip.names()) {
                entries.put(name, zip.read(name, name.endsWith(".json") ? MAX_JSON_BYTES : MAX_ENTRY_BYTES));
            }
        }
        requireEntry(file, entries, DESCRIPTOR);
        ModelDescriptor descriptor = ModelJson.read(new String(entries.get(DESCRIPTOR), StandardCharsets.UTF_8));
        requireEntry(file, entries, weightsEntry(descriptor.generator()));
        return new ModelPackage(descriptor, entries);
    }

    /**
     * Reads only {@code model.json} of a package: enough to list models without reading their weights.
     *
     * @throws ModelFormatException if the package or its description is not valid
     */
    public static ModelDescriptor describe(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(DESCRIPTOR);
            if (entry == null) {
                throw new ModelFormatException(file.getFileName() + " is not a complete model package: "
                        + DESCRIPTOR + " is missing.");
            }
            ModelDescriptor descriptor;
            try (InputStream in = zip.getInputStream(entry)) {
                byte[] bytes = in.readNBytes((int) MAX_JSON_BYTES + 1);
                if (bytes.length > MAX_JSON_BYTES) {
                    throw new ModelFormatException(file.getFileName() + ": model.json is too large.");
                }
                descriptor = ModelJson.read(new String(bytes, StandardCharsets.UTF_8));
            }
            String weights = weightsEntry(descriptor.generator());
            if (zip.getEntry(weights) == null) {
                throw new ModelFormatException(file.getFileName() + " is not a complete model package: " + weights
                        + " is missing.");
            }
            return descriptor;
        } catch (ZipException e) {
            throw new ModelFormatException(file.getFileName() + " is not a model package (not a readable zip file: "
                    + e.getMessage() + ").", e);
        }
    }

    private static void requireEntry(Path file, Map<String, byte[]> entries, String name) {
        if (!entries.containsKey(name)) {
            throw new ModelFormatException(file.getFileName() + " is not a complete model package: " + name
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

    /** An entry's bytes, or null if the package has no such entry. */
    public byte[] entry(String name) {
        return entries.get(name);
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
        if (entry(REVERSE_GENERATOR) == null) {
            throw new ModelFormatException("Model '" + descriptor.name() + "' translates in one direction only.");
        }
        return load(device, REVERSE_GENERATOR);
    }

    private LoadedModel load(Device device, String entry) {
        NDManager manager = NDManager.newBaseManager(device);
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
            return TorchScriptNetwork.load(entries.get(TORCHSCRIPT), spec, manager);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(TORCHSCRIPT + " of model '" + descriptor.name() + "': " + e.getMessage(),
                    e);
        }
    }

    /**
     * Loads the parameters stored in entry {@code name} into {@code block}. Parameters are loaded before the block
     * is initialized, so initialization keeps them instead of drawing new random weights.
     */
    public void loadParameters(Block block, NetworkSpec spec, String name, NDManager manager) {
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            throw new ModelFormatException("The package has no entry " + name + ".");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            block.loadParameters(manager, in);
            block.initialize(manager, DataType.FLOAT32, Networks.initShape(spec));
            checkShapes(block, spec, name);
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException | MalformedModelException | IllegalArgumentException | IllegalStateException
                | ai.djl.engine.EngineException e) {
            throw new ModelFormatException("The weights in " + name + " do not fit the network described in "
                    + "model.json (" + spec.type() + "): " + e.getMessage(), e);
        }
    }

    /**
     * DJL loads stored arrays whatever their shape; compare every parameter with a freshly built network of the
     * described architecture so that mismatched weights fail here, not with a cryptic error (or silently) later.
     */
    private static void checkShapes(Block loaded, NetworkSpec spec, String entry) {
        try (NDManager scratch = NDManager.newBaseManager(Device.cpu())) {
            Block reference = spec.build();
            reference.initialize(scratch, DataType.FLOAT32, Networks.initShape(spec));
            ParameterList expected = reference.getParameters();
            ParameterList actual = loaded.getParameters();
            if (expected.size() != actual.size()) {
                throw new ModelFormatException("The weights in " + entry + " hold " + actual.size()
                        + " parameters; the network described in model.json (" + spec.type() + ") has "
                        + expected.size() + ".");
            }
            for (int i = 0; i < expected.size(); i++) {
                Shape want = expected.get(i).getValue().getArray().getShape();
                Shape got = actual.get(i).getValue().getArray().getShape();
                if (!want.equals(got)) {
                    throw new ModelFormatException("The weights in " + entry + " do not fit the network described "
                            + "in model.json (" + spec.type() + "): parameter " + actual.get(i).getKey() + " is "
                            + got + ", expected " + want + ".");
                }
            }
        }
    }

}
