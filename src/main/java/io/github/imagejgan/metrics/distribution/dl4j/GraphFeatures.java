package io.github.imagejgan.metrics.distribution.dl4j;

import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.github.imagejgan.metrics.distribution.FeatureExtractor;
import io.github.imagejgan.metrics.distribution.WeightsUnavailableException;
import io.github.imagejgan.task.UserException;

/**
 * Features from a Deeplearning4j classification network built like the zoo's Xception: one image input, one output
 * layer, fed by a layer of pooled features (Xception's {@code avg_pool}, 2048 values: the global average of its last
 * convolutional block, the counterpart of Inception-v3's pool3 features that FID uses). The features are that
 * layer's activations; the class probabilities, when the output layer is a softmax over two or more classes, are the
 * output's.
 *
 * <p>Input convention of Xception's ImageNet weights (converted from Keras): RGB, NCHW, values in [-1, 1], i.e.
 * {@code 2x - 1} of the [0, 1] images this receives. Not the ImageNet mean/std standardisation of torchvision
 * models; a network file given instead of the zoo's must expect the same convention.
 */
public final class GraphFeatures implements FeatureExtractor {

    private final ComputationGraph graph;
    private final int inputSize;
    private final String description;
    private final String featureLayer;
    private final List<String> requested;
    private final boolean classifier;

    /**
     * @param inputSize   side of the square images the network is run on
     * @param description for logs and tables
     * @throws WeightsUnavailableException if the network is not built like that
     */
    public GraphFeatures(ComputationGraph graph, int inputSize, String description) {
        List<String> inputs = graph.getConfiguration().getNetworkInputs();
        List<String> outputs = graph.getConfiguration().getNetworkOutputs();
        if (inputs.size() != 1 || outputs.size() != 1) {
            throw new WeightsUnavailableException(description + " has " + inputs.size() + " inputs and "
                    + outputs.size() + " outputs; a feature network needs one of each.");
        }
        String output = outputs.get(0);
        List<String> feeding = graph.getConfiguration().getVertexInputs().get(output);
        if (feeding == null || feeding.size() != 1) {
            throw new WeightsUnavailableException(description + ": its output layer '" + output
                    + "' must be fed by exactly one layer of features.");
        }
        this.graph = graph;
        this.inputSize = inputSize;
        this.description = description;
        this.featureLayer = feeding.get(0);
        this.classifier = isSoftmaxClassifier(graph.getLayer(output).conf().getLayer());
        this.requested = classifier ? List.of(featureLayer, output) : List.of(featureLayer);
    }

    /**
     * Whether a layer is a convolution or batch normalisation with a sigmoid: Deeplearning4j's default activation,
     * which the zoo's own Xception configuration leaves on all 80 of them where Keras' Xception has none. Stacked
     * that deep, the sigmoids squash every image to the same features up to float rounding (measured: a 2.5e-8
     * relative change between random pixels and a smooth ramp), and every distance comes out as zero.
     */
    public static boolean isSquashingConvolution(Layer layer) {
        return (layer instanceof ConvolutionLayer || layer instanceof BatchNormalization)
                && ((BaseLayer) layer).getActivationFn() instanceof ActivationSigmoid;
    }

    /** How many of the network's layers are {@linkplain #isSquashingConvolution squashing convolutions}. */
    public long squashingConvolutions() {
        return Arrays.stream(graph.getLayers()).filter(l -> isSquashingConvolution(l.conf().getLayer())).count();
    }

    private static boolean isSoftmaxClassifier(Layer layer) {
        return layer instanceof BaseOutputLayer out && out.getActivationFn() instanceof ActivationSoftmax
                && out.getNOut() >= 2;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public boolean hasClassifier() {
        return classifier;
    }

    @Override
    public String description() {
        return description;
    }

    /** The name of the layer whose activations are the features. */
    public String featureLayer() {
        return featureLayer;
    }

    @Override
    public Output run(float[] images, int count) {
        int length = 3 * inputSize * inputSize;
        if (count < 1 || images.length < (long) count * length) {
            throw new UserException(count + " images of 3 x " + inputSize + " x " + inputSize
                    + " need " + (long) count * length + " values, got " + images.length + ".");
        }
        float[] batch = images.length == count * length ? images : Arrays.copyOf(images, count * length);
        INDArray x = Nd4j.create(batch, new long[] { count, 3, inputSize, inputSize }, 'c');
        x.muli(2).subi(1);
        INDArray[] out;
        try {
            out = graph.output(requested, false, new INDArray[] { x }, null);
        } catch (RuntimeException e) {
            throw new IllegalStateException(description + " failed on " + inputSize + " x " + inputSize
                    + " RGB images: " + e.getMessage(), e);
        } finally {
            x.close();
        }
        if (out[0].rank() != 2) {
            throw new WeightsUnavailableException(description + ": layer '" + featureLayer + "' gives arrays of shape "
                    + Arrays.toString(out[0].shape()) + ", not one feature vector per image; the network is not "
                    + "built like Xception (pooled features before the classifier).");
        }
        double[][] features = out[0].toDoubleMatrix();
        double[][] probabilities = classifier ? out[1].toDoubleMatrix() : null;
        for (INDArray a : out) {
            a.close();
        }
        return new Output(features, probabilities);
    }

    @Override
    public void close() {
        graph.close();
    }
}
