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
 */
public record PredictionOptions(OutputType outputType, int tileSize, int batchSize, int channel, int ensemble)
        implements Serializable {

    /** 32-bit output, the model's tile size, one tile at a time, every channel, one pass. */
    public static final PredictionOptions DEFAULT = new PredictionOptions(OutputType.FLOAT32, 0, 1, -1);

    public PredictionOptions {
        if (outputType == null || tileSize < 0 || batchSize < 1 || channel < -1) {
            throw new UserException("Invalid prediction options: output " + outputType + ", tile "
                    + tileSize + ", batch " + batchSize + ", channel " + channel);
        }
        Ensemble.require(ensemble);
    }

    /** One pass of the network per tile. */
    public PredictionOptions(OutputType outputType, int tileSize, int batchSize, int channel) {
        this(outputType, tileSize, batchSize, channel, 1);
    }

    public PredictionOptions withOutputType(OutputType type) {
        return new PredictionOptions(type, tileSize, batchSize, channel, ensemble);
    }

    public PredictionOptions withTileSize(int size) {
        return new PredictionOptions(outputType, size, batchSize, channel, ensemble);
    }

    public PredictionOptions withChannel(int chosen) {
        return new PredictionOptions(outputType, tileSize, batchSize, chosen, ensemble);
    }

    public PredictionOptions withEnsemble(int passes) {
        return new PredictionOptions(outputType, tileSize, batchSize, channel, passes);
    }
}
