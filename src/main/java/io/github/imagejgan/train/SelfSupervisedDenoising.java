package io.github.imagejgan.train;

import java.nio.file.Path;

import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.AdversarialLoss;

/**
 * "Denoise these images by training on them": the self-supervised run that the command line's
 * {@code denoise --self-supervised} and Fiji's Denoise (self-supervised) share. It trains a blind-spot denoiser on
 * the noisy images ({@link ImagesTraining}), and the best model, an ordinary model package, then denoises the same
 * images like any other model.
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
    public static TrainingRequest request(String name, Path place, String blindSpot, TrainingDefaults.ImagesRun
            settings, long seed) {
        // NB: validation fraction 0: the images to denoise are all trained on, and validation patches come from
        // them too (with other blind spots), as they would with a single image.
        return new TrainingRequest(ModelTask.DENOISE, name, TrainingRequest.Layout.NOISY, place, null, blindSpot,
                settings.features(), settings.depth(), TrainingDefaults.BLOCKS, TrainingDefaults.SCALE,
                TrainingDefaults.DISCRIMINATOR_FEATURES, false, AdversarialLoss.LSGAN,
                TrainingDefaults.SELF_SUPERVISED_LOSS, 0, 1, settings.steps(), settings.patch(), settings.batch(),
                (float) settings.learningRate(), seed, 0);
    }
}
