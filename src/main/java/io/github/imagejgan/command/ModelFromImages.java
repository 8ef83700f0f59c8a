package io.github.imagejgan.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.scijava.log.LogService;

import io.github.imagejgan.image.DeviceChoice;
import io.github.imagejgan.model.ModelRegistry;
import io.github.imagejgan.task.CancelledException;
import io.github.imagejgan.train.ImagesTraining;
import io.github.imagejgan.train.StartingWeights;
import io.github.imagejgan.train.TrainingFolder;
import io.github.imagejgan.train.TrainingLog;
import io.github.imagejgan.train.TrainingRequest;
import io.github.imagejgan.train.TrainingResult;

/**
 * The training half of the commands that train on the images they then process (Denoise (self-supervised)…, Make
 * Isotropic…): trains with progress and the loss chart, checkpoints in the user's training folder, and imports the
 * model as a user model so that it can process further images.
 */
final class ModelFromImages {

    private ModelFromImages() {
    }

    /** The user's training folder for runs named {@code name}. */
    static Path work(String name) {
        return ModelRegistry.standard().userFolder().resolveSibling("training").resolve(name);
    }

    /**
     * Trains {@code request} on {@code images} into {@code model}, imports it as a user model and returns the
     * imported package's path.
     *
     * @param start the weights a new run starts from (null: random; see {@link ImagesTraining#train})
     * @throws CancelledException when the user stopped the training (the model so far is imported all the same)
     */
    static String train(TrainingRequest request, TrainingFolder images, Path model, String description,
            boolean resume, StartingWeights start, DeviceChoice device, LogService log) throws IOException {
        String name = request.name();
        log.info("imagej-gan: training '" + name + "' on " + device.description());
        TrainingResult trained;
        try (TrainingProgress progress = new TrainingProgress(name, log::info)) {
            trained = ImagesTraining.train(request, images, work(name), model, description, resume, start,
                    device.device(), progress.listener(), progress.monitor(), m -> log.info("imagej-gan: " + m));
        }
        String entry = ModelRegistry.standard().importPackage(model, name, true).file().toString();
        log.info(String.format(Locale.ROOT, "imagej-gan: model '%s' %s after %d steps (%s): %s", name,
                trained.cancelled() ? "stopped" : "trained", trained.steps(), TrainingLog.eta(trained.seconds()),
                entry));
        if (trained.cancelled()) {
            throw new CancelledException("Training stopped; the model so far is saved. Run again with 'Resume' to go "
                    + "on.");
        }
        return entry;
    }
}
