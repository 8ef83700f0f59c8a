package io.github.imagejgan.predict;

import java.io.Serializable;

import io.github.imagejgan.image.OutputType;
import io.github.imagejgan.task.UserException;

/**
 * How to run a model over an image.
 *
 * @param outputType 32-bit float, or the input's type (clamped)
 * @param tileSize   tile core size in input pixels; 0 takes the model's default
 * @param batchSize  tiles per network call
 * @param channel    for single-channel models on multi-channel images: the 0-based channel to process, or -1 to
 *                   process every channel separately
 * @param ensemble   1, or 4 or 8: the network also runs on the image flipped (4: left-right, up-down, both; 8: and
 *                   each of those transposed), and the results, turned back, are averaged ({@link Ensemble})
 * @param strength   denoising, super-resolution and inpainting: the share of the network's correction over the
 *                   noisy image ({@link DenoiseStrength}), over bicubic interpolation ({@link CorrectionStrength}) or
 *                   over the classical fill of the holes ({@link FillStrength}) that the result keeps, 0 (the
 *                   classical method) to 1 (the network), or {@link #FITTED_STRENGTH} to fit it on the image itself;
 *                   other tasks ignore it
 * @param adaptation inpainting: the steps a copy of the network learns on the image's own known pixels before it
 *                   fills the holes ({@link FillAdaptation}), 0 for the network as it was trained; other tasks ignore
 *                   it
 */
public record PredictionOptions(OutputType outputType, int tileSize, int batchSize, int channel, int ensemble,
        double strength, int adaptation) implements Serializable {

    /** The strength that {@link DenoiseStrength}, {@link CorrectionStrength} and {@link FillStrength} fit. */
    public static final double FITTED_STRENGTH = -1;

    /** The adaptation steps of a run that does not say ({@link FillAdaptation}). */
    public static final int DEFAULT_ADAPTATION = FillAdaptation.DEFAULT_STEPS;

    /** The most adaptation steps a run may ask for. */
    public static final int MAX_ADAPTATION = 10_000;

    /**
     * 32-bit output, the model's tile size, one tile at a time, every channel, one pass, the fitted strength, the
     * default adaptation.
     */
    public static final PredictionOptions DEFAULT = new PredictionOptions(OutputType.FLOAT32, 0, 1, -1);

    public PredictionOptions {
        if (outputType == null || tileSize < 0 || batchSize < 1 || channel < -1) {
            throw new UserException("Invalid prediction options: output " + outputType + ", tile "
                    + tileSize + ", batch " + batchSize + ", channel " + channel);
        }
        Ensemble.require(ensemble);
        CorrectionStrength.require(strength);
        requireAdaptation(adaptation);
    }

    /**
     * The given strength, {@link #DEFAULT_ADAPTATION} steps of adaptation.
     */
    public PredictionOptions(OutputType outputType, int tileSize, int batchSize, int channel, int ensemble,
            double strength) {
        this(outputType, tileSize, batchSize, channel, ensemble, strength, DEFAULT_ADAPTATION);
    }

    /**
     * Checks a number of adaptation steps.
     *
     * @throws UserException for one below 0 or above {@value #MAX_ADAPTATION}
     */
    public static int requireAdaptation(int steps) {
        if (steps < 0 || steps > MAX_ADAPTATION) {
            throw new UserException("Adaptation steps must be 0 (off) to " + MAX_ADAPTATION + ", not " + steps);
        }
        return steps;
    }

    /** The fitted strength. */
    public PredictionOptions(OutputType outputType, int tileSize, int batchSize, int channel, int ensemble) {
        this(outputType, tileSize, batchSize, channel, ensemble, FITTED_STRENGTH);
    }

    /** One pass of the network per tile, the fitted strength. */
    public PredictionOptions(OutputType outputType, int tileSize, int batchSize, int channel) {
        this(outputType, tileSize, batchSize, channel, 1);
    }

    public PredictionOptions withOutputType(OutputType type) {
        return new PredictionOptions(type, tileSize, batchSize, channel, ensemble, strength, adaptation);
    }

    public PredictionOptions withTileSize(int size) {
        return new PredictionOptions(outputType, size, batchSize, channel, ensemble, strength, adaptation);
    }

    public PredictionOptions withChannel(int chosen) {
        return new PredictionOptions(outputType, tileSize, batchSize, chosen, ensemble, strength, adaptation);
    }

    public PredictionOptions withEnsemble(int passes) {
        return new PredictionOptions(outputType, tileSize, batchSize, channel, passes, strength, adaptation);
    }

    /** A fixed strength (0 to 1), or {@link #FITTED_STRENGTH}. */
    public PredictionOptions withStrength(double share) {
        return new PredictionOptions(outputType, tileSize, batchSize, channel, ensemble, share, adaptation);
    }

    /** Steps of adaptation to the image (inpainting), 0 for none. */
    public PredictionOptions withAdaptation(int steps) {
        return new PredictionOptions(outputType, tileSize, batchSize, channel, ensemble, strength, steps);
    }
}
