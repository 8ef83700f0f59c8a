package io.github.imagejgan.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import ai.djl.Device;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.AdversarialLoss;
import io.github.imagejgan.task.TaskMonitor;

/**
 * "Denoise these images by training on them": the self-supervised run that the command line's
 * {@code denoise --self-supervised} and Fiji's Denoise (self-supervised) share. It trains a blind-spot denoiser on
 * the noisy images (resuming an earlier run's checkpoint when asked), and writes the best model as an ordinary model
 * package, which then denoises the same images like any other model.
 */
public final class SelfSupervisedDenoising {

    private SelfSupervisedDenoising() {
    }

    /**
     * The request for self-supervised denoising.
     *
     * @param place     where the images come from, for the model's provenance
     * @param blindSpot the masking ({@link BlindSpot#parse}; null: the default)
     * @throws TrainingSettingsException if a setting is out of range
     */
    public static TrainingRequest request(String name, Path place, String blindSpot, TrainingDefaults.SelfSupervised
            settings, long seed) {
        // NB: validation fraction 0: the images to denoise are all trained on, and validation patches come from
        // them too (with other blind spots), as they would with a single image.
        return new TrainingRequest(ModelTask.DENOISE, name, TrainingRequest.Layout.NOISY, place, null, blindSpot,
                settings.features(), settings.depth(), TrainingDefaults.BLOCKS, TrainingDefaults.SCALE,
                TrainingDefaults.DISCRIMINATOR_FEATURES, false, AdversarialLoss.LSGAN,
                TrainingDefaults.SELF_SUPERVISED_LOSS, 0, 1, settings.steps(), settings.patch(), settings.batch(),
                (float) settings.learningRate(), seed, 0);
    }

    /**
     * Trains {@code request} on {@code images}, checkpoints in {@code work}, and writes the best model to
     * {@code model} with {@code description}.
     *
     * @param resume continue the checkpoint in {@code work} when there is one (it must have the same settings);
     *               false starts anew, replacing it
     * @throws TrainingSettingsException if the checkpoint to resume has other settings
     */
    public static TrainingResult train(TrainingRequest request, TrainingFolder images, Path work, Path model,
            String description, boolean resume, Device device, TrainingListener listener, TaskMonitor monitor,
            Consumer<String> log) throws IOException {
        Path last = TrainingOutputs.last(work, request.name());
        Checkpoint checkpoint = resume && Files.isRegularFile(last) ? Checkpoint.open(last) : null;
        if (checkpoint != null) {
            request.requireContinues(checkpoint);
            log.accept("Resuming " + last);
        }
        TrainingOutputs outputs = TrainingOutputs.prepare(work, request.name(), model);
        TrainingData data = request.noisyData(images);
        data.warnings().forEach(w -> log.accept("Warning: " + w));
        try (AdversarialTrainer trainer = request.trainer(data, device, checkpoint)) {
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
