package io.github.imagejgan.predict;

import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

import ai.djl.ndarray.NDArray;
import io.github.imagejgan.image.HyperImage;
import io.github.imagejgan.image.IntensityRange;
import io.github.imagejgan.image.LinearMap;
import io.github.imagejgan.image.PercentileNormalizer;
import io.github.imagejgan.model.ModelDescriptor;

/**
 * How values travel through a model for one plane of an image: a linear map per input channel from image values to
 * network values (applied while tiles are read, so nothing is copied), element-wise steps on each network input
 * batch and output batch (for non-linear processing such as clipping), and a linear map from network outputs to
 * result values. Element-wise steps act on each pixel alone, so tiled results stay equal to untiled ones.
 *
 * @param inputMaps     one map per input image channel
 * @param beforeNetwork applied to each NCHW batch before the network
 * @param afterNetwork  applied to each NCHW batch the network returns
 * @param outputMap     network values to result values
 */
record ValueMapping(List<LinearMap> inputMaps, UnaryOperator<NDArray> beforeNetwork,
        UnaryOperator<NDArray> afterNetwork, LinearMap outputMap) {

    /** The mappings of every plane of one image. */
    @FunctionalInterface
    interface PerPlane {
        ValueMapping forPlane(int z, int t);
    }

    /**
     * Fits a model's normalization to an image: percentile normalization takes the percentiles of the whole image
     * (all its channels, slices and frames together) and maps outputs back by the inverse; declared processing
     * follows the model's own steps.
     *
     * @param outputChannels channels the network returns
     */
    static PerPlane fit(ModelDescriptor.Normalization normalization, HyperImage<?> image, int outputChannels) {
        if (normalization.isDeclared()) {
            return new DeclaredMapping(normalization.declared(), image, outputChannels)::forPlane;
        }
        IntensityRange range = new PercentileNormalizer(normalization.lowPercentile(), normalization.highPercentile())
                .fit(image);
        ValueMapping mapping = of(normalization, range, image.channels());
        return (z, t) -> mapping;
    }

    /**
     * The mapping of a percentile normalization whose intensity range is known (measured beforehand, e.g. over an
     * image spread over many machines): the range maps to the network's range and outputs back by the inverse.
     */
    static ValueMapping of(ModelDescriptor.Normalization normalization, IntensityRange range, int channels) {
        double low = normalization.networkLow();
        double high = normalization.networkHigh();
        // [0, 1] -> [low, high]: u * (high - low) + low = (u - shift) * factor.
        LinearMap toRange = low == 0 && high == 1 ? LinearMap.IDENTITY
                : new LinearMap((float) (-low / (high - low)), (float) (high - low));
        LinearMap toNetwork = range.normalizing().then(toRange);
        return new ValueMapping(Collections.nCopies(channels, toNetwork), UnaryOperator.identity(),
                UnaryOperator.identity(), toNetwork.inverse());
    }
}
