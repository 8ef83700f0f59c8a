package io.github.imagejgan.train;

import java.nio.file.Path;
import java.util.Locale;

import io.github.imagejgan.degrade.AxialUndersampling;
import io.github.imagejgan.image.ImageMetadata;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.AdversarialLoss;
import io.github.imagejgan.nn.ReconstructionLoss;
import io.github.imagejgan.task.UserException;

/**
 * Training for isotropic restoration: a residual U-Net learns, from a stack's own lateral slices, to undo what the
 * axial sampling and blur do to them ({@link AxialUndersampling}, along the rows), so that it can then restore the
 * stack's XZ and YZ views ({@code predict.IsotropicRestoration}). The lateral slices are the only sharp, finely
 * sampled views of the sample there are, and they show the same structures the axial views should show.
 */
public final class IsotropicTraining {

    /** The closest slices can be and still be restored: every second pixel width. */
    public static final int SMALLEST_FACTOR = 2;

    private IsotropicTraining() {
    }

    /**
     * The request for a model of {@code name} restoring stacks whose slices are {@code factor} pixel widths apart
     * and whose axial PSF is wider than the lateral one by a Gaussian of {@code axialBlur} pixel widths.
     *
     * @param place where the stacks come from, for the model's provenance
     * @throws UserException if a setting is out of range
     */
    public static TrainingRequest request(String name, Path place, int factor, double axialBlur,
            TrainingDefaults.ImagesRun settings, long seed) {
        AxialUndersampling degradation = new AxialUndersampling(factor, axialBlur);
        // NB: validation fraction 0: a single stack is the usual case, and its validation patches come from it too,
        // with other samplings.
        return new TrainingRequest(ModelTask.ISOTROPIC, name, TrainingRequest.Layout.DEGRADED, place, null,
                spec(degradation), settings.features(), settings.depth(), TrainingDefaults.BLOCKS,
                TrainingDefaults.SCALE, TrainingDefaults.DISCRIMINATOR_FEATURES, false, AdversarialLoss.LSGAN,
                ReconstructionLoss.L1, 0, 1, settings.steps(), settings.patch(), settings.batch(),
                (float) settings.learningRate(), seed, 0);
    }

    /**
     * The slice spacing that a stack's calibration gives, rounded to whole pixel widths; 0 where it gives none that
     * isotropic restoration can use (uncalibrated, or slices less than 1.5 pixel widths apart).
     */
    public static int calibratedFactor(ImageMetadata metadata) {
        double spacing = metadata.sliceSpacing();
        return spacing < 1.5 ? 0 : (int) Math.round(spacing);
    }

    /** The degradation's specification ({@code degrade.Degradations}). */
    static String spec(AxialUndersampling degradation) {
        return String.format(Locale.ROOT, "%s:factor=%d,axialBlur=%s", AxialUndersampling.TYPE, degradation.factor(),
                degradation.axialBlur());
    }
}
