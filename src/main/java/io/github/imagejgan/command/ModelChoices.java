package io.github.imagejgan.command;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.scijava.module.MutableModuleItem;

import io.github.imagejgan.model.ModelEntry;
import io.github.imagejgan.model.ModelRegistry;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.task.UserException;

/** The model menu of the commands that run a model: the task's registered models, then a package file. */
final class ModelChoices {

    private ModelChoices() {
    }

    /**
     * Offers the task's models in {@code item}, with {@code current} first where it is not one of them (a macro's
     * choice, a model file); returns the model the dialog shows.
     */
    static String offer(MutableModuleItem<String> item, ModelTask task, String current) {
        List<String> choices = new ArrayList<>();
        for (ModelEntry e : ModelRegistry.standard().list(task)) {
            choices.add(e.name());
        }
        choices.add(OperationCommand.OTHER_FILE);
        if (current != null && !choices.contains(current)) {
            choices.add(0, current);
        }
        item.setChoices(choices);
        return current == null ? choices.get(0) : current;
    }

    /** The model to run: the chosen name, or the chosen package file for {@link OperationCommand#OTHER_FILE}. */
    static String chosen(String model, File modelFile) {
        if (!OperationCommand.OTHER_FILE.equals(model)) {
            return model;
        }
        if (modelFile == null) {
            throw new UserException("Choose the model package file (.zip).");
        }
        return modelFile.getAbsolutePath();
    }
}
