package io.github.imagejgan.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

/**
 * Adam over a fixed list of named parameters, with its moment estimates kept under those names so that they can be
 * saved in a checkpoint and a resumed run continues exactly (DJL's own Adam cannot save its state). Uses the engine's
 * fused Adam update, which also clears each parameter's gradient.
 */
public final class AdamOptimizer {

    private static final float EPSILON = 1e-8f;

    private final float beta1;
    private final float beta2;
    private final NDManager manager;
    private final Map<String, Parameter> parameters;
    private final Map<String, NDArray> means = new LinkedHashMap<>();
    private final Map<String, NDArray> variances = new LinkedHashMap<>();
    private int updates;

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

    /** Number of updates done so far. */
    public int updates() {
        return updates;
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
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            NDArray weight = e.getValue().getArray();
            NDArray gradient = weight.getGradient();
            gradient.attach(stepManager);
            NDArray mean = means.get(e.getKey());
            NDArray variance = variances.get(e.getKey());
            weight.getNDArrayInternal().adamUpdate(new NDList(weight, gradient, mean, variance), new NDList(weight),
                    learningRate, correctedRate, 0f, 1f, -1f, beta1, beta2, epsilon, true, false);
        }
    }

    /** Writes the update count and all moments. */
    public void save(DataOutputStream out) throws IOException {
        out.writeInt(updates);
        out.writeInt(parameters.size());
        for (String name : parameters.keySet()) {
            out.writeUTF(name);
            writeArray(out, means.get(name));
            writeArray(out, variances.get(name));
        }
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
            readInto(in, means.get(name));
            readInto(in, variances.get(name));
        }
    }

    private static void writeArray(DataOutputStream out, NDArray array) throws IOException {
        byte[] bytes = array.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private void readInto(DataInputStream in, NDArray target) throws IOException {
        int length = in.readInt();
        // NB: a damaged length must not allocate gigabytes; the stream is an in-memory entry that knows its size.
        if (length < 0 || length > in.available()) {
            throw new EOFException("Optimizer moment of " + length + " bytes, " + in.available() + " left");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        try (NDManager scope = manager.newSubManager()) {
            NDArray loaded = scope.decode(bytes);
            if (!loaded.getShape().equals(target.getShape())) {
                throw new IOException("Optimizer moment of shape " + loaded.getShape() + " does not fit "
                        + target.getShape());
            }
            loaded.copyTo(target);
        }
    }

    /** Parameters of interest, as the list the optimizer was made for. */
    List<Parameter> parameters() {
        return List.copyOf(parameters.values());
    }
}
