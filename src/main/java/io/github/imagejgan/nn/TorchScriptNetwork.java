package io.github.imagejgan.nn;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import io.github.imagejgan.task.UserException;

/**
 * A TorchScript module as a generator of the image path: it takes and returns NCHW float32 batches like the networks
 * built here, whatever layout the module itself uses, and its output always comes back as float32. A module that
 * takes an inpainting mask as a tensor of its own ({@link TorchScriptSpec#maskInput()}) gets the batch's last channel
 * as that tensor.
 */
public final class TorchScriptNetwork extends AbstractBlock {

    private final PtSymbolBlock module;
    private final TorchScriptSpec spec;
    private final TensorLayout input;
    private final TensorLayout mask;
    private final TensorLayout output;

    private TorchScriptNetwork(PtSymbolBlock module, TorchScriptSpec spec) {
        this.module = module;
        this.spec = spec;
        this.input = TensorLayout.of(spec.inputAxes(), spec.maskInput() ? spec.inputChannels() - 1
                : spec.inputChannels());
        this.mask = spec.maskInput() ? TensorLayout.of(spec.inputAxes(), 1) : null;
        this.output = TensorLayout.of(spec.outputAxes(), spec.outputChannels());
    }

    /**
     * Loads a serialized TorchScript module (the bytes of a {@code .pt} file written by {@code torch.jit.save}) onto
     * the manager's device; tensors saved on another device (e.g. a CUDA GPU) are mapped there. The module lives
     * until {@code manager} is closed.
     *
     * @throws IllegalArgumentException if the bytes are not a TorchScript module this PyTorch can read, or the
     *                                  manager does not belong to the PyTorch engine
     */
    public static TorchScriptNetwork load(byte[] serialized, TorchScriptSpec spec, NDManager manager) {
        return new TorchScriptNetwork(loadModule(serialized, manager), spec);
    }

    /**
     * Loads a serialized TorchScript module as it is: the module's own layout and output type, for probing a module
     * whose description is not known yet.
     *
     * @throws IllegalArgumentException as {@link #load}
     */
    public static PtSymbolBlock loadModule(byte[] serialized, NDManager manager) {
        if (!(manager instanceof PtNDManager pt)) {
            throw new UserException("TorchScript modules run on the PyTorch engine; the model's memory "
                    + "manager belongs to " + manager.getEngine().getEngineName() + ".");
        }
        try {
            return JniUtils.loadModule(pt, new ByteArrayInputStream(serialized), true, false);
        } catch (EngineException | IOException e) {
            throw new UserException("Not a TorchScript module that PyTorch " + pytorchVersion()
                    + " can read (" + firstLine(e.getMessage()) + "). Save the network with torch.jit.save after "
                    + "torch.jit.script or torch.jit.trace.", e);
        }
    }

    /** The PyTorch version of the native library in use, e.g. {@code 2.7.1}. */
    public static String pytorchVersion() {
        return Engine.getEngine("PyTorch").getVersion();
    }

    public TorchScriptSpec spec() {
        return spec;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] { new Shape(s.get(0), spec.outputChannels(), s.get(2) * spec.scale(),
                s.get(3) * spec.scale()) };
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (x.getShape().dimension() != 4 || x.getShape().get(1) != spec.inputChannels()) {
            throw new UserException("Expected an NCHW batch with " + spec.inputChannels()
                    + " channels, got shape " + x.getShape());
        }
        if (input.hasBatch() && output.hasBatch()) {
            return new NDList(run(store, x, training));
        }
        // The module takes (or returns) one image at a time.
        NDList items = new NDList();
        for (long i = 0; i < x.getShape().get(0); i++) {
            items.add(run(store, input.hasBatch() ? x.get(i).expandDims(0) : x.get(i), training));
        }
        return new NDList(items.size() == 1 ? items.get(0) : NDArrays.concat(items, 0));
    }

    /** @param x a canonical batch ({@code bcyx}), or one image ({@code cyx}) for a module without a batch axis */
    private NDArray run(ParameterStore store, NDArray x, boolean training) {
        NDList arguments;
        if (mask == null) {
            arguments = new NDList(input.fromCanonical(x));
        } else {
            NDList parts = x.split(new long[] { spec.inputChannels() - 1 }, input.hasBatch() ? 1 : 0);
            arguments = new NDList(input.fromCanonical(parts.get(0)), mask.fromCanonical(parts.get(1)));
        }
        NDArray y = module.forward(store, arguments, training).head();
        NDArray nchw = output.toNchw(y);
        return nchw.getDataType() == DataType.FLOAT32 ? nchw : nchw.toType(DataType.FLOAT32, false);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
