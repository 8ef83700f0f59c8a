package io.github.imagejgan.train;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.nn.NetworkSpec;

/** The model description of a run's current state: what it learned from, how far it got, and how well it scores. */
final class TrainedModelDescriptor {

    private TrainedModelDescriptor() {
    }

    /**
     * @param description one sentence about the model
     * @param data        the training data, whose description and degradation go into the provenance
     * @param startedFrom the model the run started from ({@link StartingWeights#describe()}), empty for none
     */
    static ModelDescriptor of(TrainingState state, String description, PatchSource data, String startedFrom) {
        GanConfig config = state.config();
        Map<String, Double> metrics = new LinkedHashMap<>();
        putFinite(metrics, "validationPsnr", state.lastPsnr());
        putFinite(metrics, "bestValidationPsnr", state.bestPsnr());
        putFinite(metrics, "baselinePsnr", state.baseline());
        ModelDescriptor.Provenance provenance = new ModelDescriptor.Provenance(data.description(), data.degradation(),
                state.step(), config.seed(), state.seconds(), Instant.now().toString(), Versions.describe(),
                startedFrom);
        NetworkSpec generator = config.networks().generator();
        return new ModelDescriptor(config.modelName(), description, config.task(), generator,
                data.normalization(), ModelDescriptor.Tiling.forGenerator(generator,
                        config.networks().tileSize()).withSliceHalo(config.networks().sliceHalo())
                        .withSliceSpacing(data.sliceSpacing()), provenance, metrics);
    }

    private static void putFinite(Map<String, Double> metrics, String name, double value) {
        if (Double.isFinite(value)) {
            metrics.put(name, value);
        }
    }
}
