package io.github.imagejgan.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import ai.djl.Device;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;

/**
 * Training on images that are already open (files the user listed, the current image), for the commands that train
 * on the images they then process: self-supervised denoising (the noisy images themselves) and isotropic
 * restoration (a stack's own lateral slices). Resumes an earlier run's checkpoint when asked, and writes the best
 * model as an ordinary model package.
 */
public final class ImagesTraining {

    private ImagesTraining() {
    }

    /**
     * Trains {@code request} on {@code images}, checkpoints in {@code work}, and writes the best model to
     * {@code model} with {@code description}.
     *
     * @param resume continue the checkpoint in {@code work} when there is one (it must have the same settings);
     *               false starts anew, replacing it
     * @param start  the weights a new run starts from (null: random); one that does not fit the run is
     *               {@linkplain StartingWeights#optional() optional} (logged, random weights) or an error
     * @throws TrainingSettingsException if the checkpoint to resume has other settings
     * @throws UserException             if a required start does not fit the run
     */
    public static TrainingResult train(TrainingRequest request, TrainingFolder images, Path work, Path model,
            String description, boolean resume, StartingWeights start, Device device, TrainingListener listener,
            TaskMonitor monitor, Consumer<String> log) throws IOException {
        Path last = TrainingOutputs.last(work, request.name());
        Checkpoint checkpoint = resume && Files.isRegularFile(last) ? Checkpoint.open(last) : null;
        if (checkpoint != null) {
            request.requireContinues(checkpoint);
            log.accept("Resuming " + last);
        }
        TrainingData data = request.data(images);
        StartingWeights first = checkpoint == null && start != null ? start.fitting(request, data, log) : null;
        TrainingOutputs outputs = TrainingOutputs.prepare(work, request.name(), model);
        data.warnings().forEach(w -> log.accept("Warning: " + w));
        try (AdversarialTrainer trainer = request.trainer(data, device, checkpoint, first)) {
            try {
                TrainingResult result = trainer.run(work, listener, monitor);
                ModelPackage.exportModel(result.best(), model, d -> d.withName(d.name(), description));
                return result;
            } catch (IOException | RuntimeException e) {
                throw outputs.failure(e);
            }
        }
    }
}
