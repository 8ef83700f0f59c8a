package io.github.imagejgan.model;

import io.github.imagejgan.task.UserException;

/** A valid model was chosen for an operation it was not trained for. */
public class WrongTaskException extends UserException {

    public WrongTaskException(String modelName, ModelTask actual, ModelTask expected) {
        super("Model '" + modelName + "' is a " + actual.id() + " model; this operation needs a " + expected.id()
                + " model. Choose another model.");
    }
}
