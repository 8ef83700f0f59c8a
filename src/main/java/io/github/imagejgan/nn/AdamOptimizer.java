package io.github.imagejgan.nn;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * Adam over a fixed list of named parameters, with its moment estimates kept under those names so that they can be
 * saved in a checkpoint and a resumed run continues exactly (DJL's own Adam cannot save its state). Uses the engine's
 * fused Adam update, which also clears each parameter's gradient.
 *
 * <p>Gradient spikes are clipped: the global gradient norm is compared with its running average, and a step whose
 * norm exceeds {@value #SPIKE_FACTOR} times that average is scaled down to it. Without normalization layers the U-Nets
 * diverged in long runs at rates that were stable in short ones; a single spike moves every weight by up to about three
 * learning rates under Adam, and a few of those in a row were enough. The average is part of the saved state, so a
 * resumed run clips exactly as an uninterrupted one.
 */
public final class AdamOptimizer {

    private static final float EPSILON = 1e-8f;
    /** How far above its running average a gradient norm may go before it is scaled down. */
    static final double SPIKE_FACTOR = 3;
    /** Decay of the running average of gradient norms (about the last hundred updates). */
    private static final double NORM_DECAY = 0.99;
    /** Updates that only learn the average before clipping starts: early gradients shrink fast. */
    private static final int NORM_WARM_UP = 100;

    private final float beta1;
    private final float beta2;
    private final NDManager manager;
    private final Map<String, Parameter> parameters;
    private final Map<String, NDArray> means = new LinkedHashMap<>();
    private final Map<String, NDArray> variances = new LinkedHashMap<>();
    private int updates;
    /** Running average of the (clipped) global gradient norm, bias-corrected by {@link #updates}. */
    private double normAverage;
    /** Norms that entered the average: the updates since clipping existed in the checkpoints resumed from. */
    private int normSamples;
    private int clippedUpdates;

    /**
     * @param manager    owns the moment estimates (the network's manager)
     * @param parameters trainable parameters by stable name
     */
    public AdamOptimizer(NDManager manager, Map<String, Parameter> parameters, float beta1, float beta2) {
        this.manager = manager;
        this.parameters = new LinkedHashMap<>(parameters);
        this.beta1 = beta1;
        this.beta2 = beta2;
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray weight = e.getValue().getArray();
            means.put(e.getKey(), manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice()));
            variances.put(e.getKey(), manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice()));
        }
    }

    /**
     * The parameters of {@code network} that learn, named {@code prefix} followed by each parameter's own name, in the
     * network's order. Spectral-norm vectors and the like must keep requiring no gradient, so they are left out.
     */
    public static Map<String, Parameter> learnedParameters(Block network, String prefix) {
        Map<String, Parameter> learned = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : network.getParameters()) {
            if (p.getValue().requiresGradient()) {
                learned.put(prefix + p.getKey(), p.getValue());
            }
        }
        return learned;
    }

    /** Number of updates done so far. */
    public int updates() {
        return updates;
    }

    /** Number of updates whose gradient was scaled down, since this optimizer was made or loaded. */
    public int clippedUpdates() {
        return clippedUpdates;
    }

    /**
     * Applies one Adam step to every parameter from its accumulated gradient.
     *
     * @param stepManager receives the gradient handles, which would otherwise pile up in the model's manager
     */
    public void update(float learningRate, NDManager stepManager) {
        updates++;
        double biasCorrection = Math.sqrt(1 - Math.pow(beta2, updates)) / (1 - Math.pow(beta1, updates));
        float correctedRate = (float) (learningRate * biasCorrection);
        // NB: the fused update adds epsilon to the uncorrected root of the second moment; scaled like this it acts
        // after bias correction, as in Adam's paper. Unscaled, it dominated the tiny early moments of deep layers.
        float epsilon = (float) (EPSILON * Math.sqrt(1 - Math.pow(beta2, updates)));
        Map<String, NDArray> gradients = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray gradient = e.getValue().getArray().getGradient();
            gradient.attach(stepManager);
            gradients.put(e.getKey(), gradient);
        }
        float scale = (float) spikeScale(globalNorm(gradients.values()));
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray weight = e.getValue().getArray();
            NDArray mean = means.get(e.getKey());
            NDArray variance = variances.get(e.getKey());
            weight.getNDArrayInternal().adamUpdate(
                    new NDList(weight, gradients.get(e.getKey()), mean, variance), new NDList(weight),
                    learningRate, correctedRate, 0f, scale, -1f, beta1, beta2, epsilon, true, false);
        }
    }

    /** One value read back per update: on a GPU every read is a synchronization, so the sum stays on the device. */
    private static double globalNorm(Iterable<NDArray> gradients) {
        NDArray sum = null;
        for (NDArray g : gradients) {
            NDArray squares = g.square().sum().toType(DataType.FLOAT64, false);
            sum = sum == null ? squares : sum.add(squares);
        }
        return sum == null ? 0 : Math.sqrt(sum.getDouble());
    }

    /**
     * The factor for this update's gradient, and the running average brought up to date. A norm that is not finite
     * is left alone (the trainer's divergence check reports it) and does not enter the average.
     */
    private double spikeScale(double norm) {
        if (!Double.isFinite(norm)) {
            return 1;
        }
        double scale = 1;
        if (normSamples > NORM_WARM_UP) {
            double limit = SPIKE_FACTOR * normAverage / (1 - Math.pow(NORM_DECAY, normSamples));
            if (norm > limit) {
                scale = limit / norm;
                clippedUpdates++;
            }
        }
        normAverage = NORM_DECAY * normAverage + (1 - NORM_DECAY) * norm * scale;
        normSamples++;
        return scale;
    }

    /** Writes the update count, all moments and the gradient-norm average with its number of samples. */
    public void save(DataOutputStream out) throws IOException {
        out.writeInt(updates);
        out.writeInt(parameters.size());
        for (String name : parameters.keySet()) {
            out.writeUTF(name);
            ArrayStreams.write(out, means.get(name));
            ArrayStreams.write(out, variances.get(name));
        }
        out.writeDouble(normAverage);
        out.writeInt(normSamples);
    }

    /**
     * Restores what {@link #save} wrote, checking that it belongs to the same parameters.
     *
     * @param in an in-memory stream, whose {@code available()} is what remains of it
     */
    public void load(DataInputStream in) throws IOException {
        updates = in.readInt();
        if (updates < 0) {
            throw new IOException("Optimizer state counts " + updates + " updates");
        }
        int count = in.readInt();
        if (count != parameters.size()) {
            throw new IOException("Optimizer state holds " + count + " parameters, the network has "
                    + parameters.size());
        }
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            if (!parameters.containsKey(name)) {
                throw new IOException("Optimizer state names unknown parameter " + name);
            }
            ArrayStreams.readInto(in, means.get(name), manager, "Optimizer moment");
            ArrayStreams.readInto(in, variances.get(name), manager, "Optimizer moment");
        }
        // NB: checkpoints written before spike clipping end here; their runs learn the average anew.
        boolean clipped = in.available() >= Double.BYTES + Integer.BYTES;
        normAverage = clipped ? in.readDouble() : 0;
        normSamples = clipped ? in.readInt() : 0;
        if (!(normAverage >= 0) || Double.isInfinite(normAverage) || normSamples < 0) {
            throw new IOException("Optimizer state has gradient-norm average " + normAverage + " of "
                    + normSamples + " updates");
        }
        clippedUpdates = 0;
    }

    /** Parameters of interest, as the list the optimizer was made for. */
    List<Parameter> parameters() {
        return List.copyOf(parameters.values());
    }
}
