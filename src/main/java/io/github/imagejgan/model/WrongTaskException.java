package io.github.imagejgan.model;

/** A valid model was chosen for an operation it was not trained for. */
public class WrongTaskException extends IllegalArgumentException {

    public WrongTaskException(String modelName, ModelTask actual, ModelTask expected) {
        super("Model '" + modelName + "' is a " + actual.id() + " model; this operation needs a " + expected.id()
                + " model. Choose another model.");
    }
}
