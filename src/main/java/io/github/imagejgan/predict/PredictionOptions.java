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
 */
public record PredictionOptions(OutputType outputType, int tileSize, int batchSize, int channel)
        implements Serializable {

    /** 32-bit output, the model's tile size, one tile at a time, every channel. */
    public static final PredictionOptions DEFAULT = new PredictionOptions(OutputType.FLOAT32, 0, 1, -1);

    public PredictionOptions {
        if (outputType == null || tileSize < 0 || batchSize < 1 || channel < -1) {
            throw new UserException("Invalid prediction options: output " + outputType + ", tile "
                    + tileSize + ", batch " + batchSize + ", channel " + channel);
        }
    }

    public PredictionOptions withOutputType(OutputType type) {
        return new PredictionOptions(type, tileSize, batchSize, channel);
    }

    public PredictionOptions withTileSize(int size) {
        return new PredictionOptions(outputType, size, batchSize, channel);
    }

    public PredictionOptions withChannel(int chosen) {
        return new PredictionOptions(outputType, tileSize, batchSize, chosen);
    }
}
