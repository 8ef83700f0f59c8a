package io.github.imagejgan.model;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

/**
 * A model package in memory: its description and its generator with weights, owned by a native-memory manager that
 * {@link #close()} releases.
 */
public final class LoadedModel implements AutoCloseable {

    private final ModelDescriptor descriptor;
    private final Block generator;
    private final NDManager manager;

    LoadedModel(ModelDescriptor descriptor, Block generator, NDManager manager) {
        this.descriptor = descriptor;
        this.generator = generator;
        this.manager = manager;
    }

    public ModelDescriptor descriptor() {
        return descriptor;
    }

    public Block generator() {
        return generator;
    }

    /** The manager that holds the weights; arrays created from it live until the model is closed. */
    public NDManager manager() {
        return manager;
    }

    /**
     * Checks that this model does {@code task}.
     *
     * @throws WrongTaskException otherwise
     */
    public LoadedModel requireTask(ModelTask task) {
        if (descriptor.task() != task) {
            throw new WrongTaskException(descriptor.name(), descriptor.task(), task);
        }
        return this;
    }

    @Override
    public void close() {
        manager.close();
    }
}
