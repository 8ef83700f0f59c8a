package io.github.imagejgan.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelFormatException;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.SafeZip;
import io.github.imagejgan.nn.AdamOptimizer;
import io.github.imagejgan.nn.NetworkSpec;

/**
 * A training checkpoint: a complete model package (the run's first network is its generator) with the other
 * networks ({@code <role>.params}), each network's optimizer state ({@code <role>.adam}) and {@code training.json},
 * which says where the run stands, added. Opened to resume, every problem is reported as "Checkpoint x.zip: entry
 * 'e' …", naming the entry (and field) at fault. The trainer keeps no knowledge of this layout: it hands its
 * networks and state to {@link #write} and takes them back from an opened checkpoint.
 */
public final class Checkpoint {

    static final String STATE_ENTRY = "training.json";
    /** The run's own generator weights where the package's are their average ({@link WeightAverage}). */
    static final String AVERAGE_ENTRY = "G.own.params";

    private final Path file;
    private final ModelPackage contents;
    private final TrainingState state;

    private Checkpoint(Path file, ModelPackage contents, TrainingState state) {
        this.file = file;
        this.contents = contents;
        this.state = state;
    }

    /**
     * Reads a checkpoint and checks its training state.
     *
     * @throws CheckpointException if it is missing, not a checkpoint, or damaged
     */
    public static Checkpoint open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException("Checkpoint to resume not found: " + file + ".");
        }
        String name = file.getFileName().toString();
        requireEntries(file, name);
        ModelPackage contents;
        try {
            contents = ModelPackage.open(file);
        } catch (ModelFormatException e) {
            throw new CheckpointException("Checkpoint " + name + " is damaged: " + e.getMessage(), e);
        }
        TrainingState state = TrainingStateReader.read(contents.entry(STATE_ENTRY), "Checkpoint " + name
                + ": entry '" + STATE_ENTRY + "'");
        return new Checkpoint(file, contents, state);
    }

    /** Names the entries a checkpoint cannot be without, before any is read. */
    private static void requireEntries(Path file, String name) throws IOException {
        try (SafeZip zip = SafeZip.open(file, "a checkpoint")) {
            if (zip.contains(ModelPackage.DESCRIPTOR) && zip.contains(ModelPackage.GENERATOR)
                    && !zip.contains(STATE_ENTRY)) {
                throw new CheckpointException(name + " holds no training state (" + STATE_ENTRY + "): it is a "
                        + "finished model, not a checkpoint, and cannot be resumed. Resume from <name>-last.zip.");
            }
            for (String entry : List.of(ModelPackage.DESCRIPTOR, ModelPackage.GENERATOR, STATE_ENTRY)) {
                if (!zip.contains(entry)) {
                    throw new CheckpointException("Checkpoint " + name + ": entry '" + entry + "' is missing.");
                }
            }
        } catch (ModelFormatException e) {
            throw new CheckpointException("Checkpoint " + name + " is damaged or truncated: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** The run's settings. */
    public GanConfig config() {
        return state.config();
    }

    /** Steps the run had done. */
    public long step() {
        return state.step();
    }

    /**
     * The run's settings, continued up to {@code totalSteps} steps (0: as planned).
     *
     * @throws TrainingSettingsException if the run has done more steps than that
     */
    public GanConfig continuedTo(long totalSteps) {
        if (totalSteps > 0 && totalSteps < step()) {
            throw new TrainingSettingsException("Checkpoint " + file.getFileName() + " has done " + step()
                    + " steps; ask for at least " + step() + " training steps to continue it (not " + totalSteps
                    + ").");
        }
        return totalSteps > 0 ? config().withSteps(totalSteps) : config();
    }

    /** The start the run recorded ({@link ModelDescriptor.Provenance#startedFrom()}); empty for random weights. */
    String startedFrom() {
        return contents.descriptor().provenance().startedFrom();
    }

    TrainingState state() {
        return state;
    }

    /**
     * Writes a checkpoint atomically.
     *
     * @param descriptor the model description of the package
     * @param networks   the run's networks in the order of their roles; the first is the model's generator
     * @param average    for a run whose generator's weights are averaged (the first network then holds the
     *                   average, the model), the run's own weights; null otherwise
     */
    static void write(Path file, ModelDescriptor descriptor, List<TrainableNetwork> networks, TrainingState state,
            WeightAverage average) throws IOException {
        Map<String, byte[]> extras = new LinkedHashMap<>();
        if (average != null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                average.save(out);
            }
            extras.put(AVERAGE_ENTRY, bytes.toByteArray());
        }
        for (int i = 0; i < networks.size(); i++) {
            TrainableNetwork n = networks.get(i);
            if (i > 0) {
                extras.put(networkEntry(n.name(), i), ModelPackage.parameters(n.block()));
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                n.optimizer().save(out);
            }
            extras.put(optimizerEntry(n.name()), bytes.toByteArray());
        }
        extras.put(STATE_ENTRY, StoredGanConfig.GSON.toJson(state).getBytes(StandardCharsets.UTF_8));
        ModelPackage.write(file, descriptor, networks.get(0).block(), extras);
    }

    /** The entry of a network's weights: the package's generator for the first role. */
    private static String networkEntry(String role, int index) {
        return index == 0 ? ModelPackage.GENERATOR : role + ".params";
    }

    private static String optimizerEntry(String role) {
        return role + ".adam";
    }

    /** The network of the role at {@code index}, built from {@code spec} with the weights saved for it. */
    Block network(NetworkSpec spec, String role, int index, NDManager manager) {
        Block block = spec.build();
        loadNetwork(block, spec, networkEntry(role, index), manager);
        return block;
    }

    /** Restores each network's optimizer moments. */
    void restoreOptimizers(Collection<TrainableNetwork> networks) {
        for (TrainableNetwork n : networks) {
            loadOptimizer(optimizerEntry(n.name()), n.optimizer());
        }
    }

    private void loadNetwork(Block block, NetworkSpec spec, String entry, NDManager manager) {
        requireEntry(entry);
        try {
            contents.loadParameters(block, spec, entry, manager);
        } catch (ModelFormatException e) {
            throw problem(entry, truncated(e) ? "is truncated" : "does not load: " + e.getMessage(), e);
        }
    }

    /** Restores the run's own generator weights under their average, which the generator was loaded with. */
    void restoreAverage(WeightAverage average) {
        load(AVERAGE_ENTRY, average::load, "weight average");
    }

    /** Restores an optimizer's moments from {@code entry}, which must hold exactly them. */
    private void loadOptimizer(String entry, AdamOptimizer optimizer) {
        load(entry, optimizer::load, "optimizer state");
    }

    /** What reads a state entry. */
    private interface StateReader {
        void read(DataInputStream in) throws IOException;
    }

    /** Reads {@code entry}, which must hold exactly {@code what}, with {@code reader}. */
    private void load(String entry, StateReader reader, String what) {
        byte[] bytes = requireEntry(entry);
        int leftOver;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            reader.read(in);
            leftOver = in.available();
        } catch (EOFException e) {
            throw problem(entry, "is truncated", e);
        } catch (IOException | RuntimeException e) {
            throw problem(entry, "is not a valid " + what + ": " + e.getMessage(), e);
        }
        if (leftOver > 0) {
            throw problem(entry, "has " + leftOver + " bytes more than the " + what, null);
        }
    }

    private byte[] requireEntry(String entry) {
        byte[] bytes = contents.entry(entry);
        if (bytes == null) {
            throw problem(entry, "is missing", null);
        }
        return bytes;
    }

    private static boolean truncated(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    private CheckpointException problem(String entry, String what, Throwable cause) {
        String message = "Checkpoint " + file.getFileName() + ": entry '" + entry + "' " + what;
        return new CheckpointException(message.endsWith(".") ? message : message + ".", cause);
    }
}
