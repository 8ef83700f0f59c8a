package io.github.imagejgan.model;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParameterList;
import io.github.imagejgan.image.DeviceSelector;
import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.Networks;

/**
 * The network a descriptor describes, built with fresh weights on the CPU, as the measure of stored weights. DJL
 * loads stored arrays whatever their shape and reads whatever a stream holds; the reference says how many bytes
 * weights of this network can take (so a package's entry is never read beyond that) and which shapes they must have.
 */
final class ReferenceNetwork implements AutoCloseable {

    /**
     * DJL's parameter format stores, beside each array's float32 values, its name, shape and format tags (well under
     * this), and a few bytes for the block.
     */
    private static final long HEADER_BYTES = 4096;

    private final NetworkSpec spec;
    private final NDManager manager;
    private final ParameterList parameters;

    ReferenceNetwork(NetworkSpec spec) {
        this.spec = spec;
        this.manager = DeviceSelector.newManager(Device.cpu());
        try {
            Block block = spec.build();
            block.initialize(manager, DataType.FLOAT32, Networks.initShape(spec));
            this.parameters = block.getParameters();
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The most bytes the stored weights of this network can take. */
    long maxStoredBytes() {
        long values = 0;
        for (int i = 0; i < parameters.size(); i++) {
            values += parameters.get(i).getValue().getArray().getShape().size();
        }
        return Float.BYTES * values + HEADER_BYTES * (parameters.size() + 1);
    }

    /**
     * Compares every parameter of {@code loaded} with this network, so that mismatched weights fail here, not with a
     * cryptic error (or silently) later.
     *
     * @throws ModelFormatException naming the first parameter that differs
     */
    void checkShapes(Block loaded, String entry) {
        ParameterList actual = loaded.getParameters();
        if (parameters.size() != actual.size()) {
            throw new ModelFormatException("The weights in " + entry + " hold " + actual.size()
                    + " parameters; the network described in model.json (" + spec.type() + ") has "
                    + parameters.size() + ".");
        }
        for (int i = 0; i < parameters.size(); i++) {
            Shape want = parameters.get(i).getValue().getArray().getShape();
            Shape got = actual.get(i).getValue().getArray().getShape();
            if (!want.equals(got)) {
                throw new ModelFormatException("The weights in " + entry + " do not fit the network described "
                        + "in model.json (" + spec.type() + "): parameter " + actual.get(i).getKey() + " is "
                        + got + ", expected " + want + ".");
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
