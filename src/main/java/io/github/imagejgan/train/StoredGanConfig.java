package io.github.imagejgan.train;

import java.lang.reflect.Type;

import com.google.gson.Gson;
import com.google.gson.JsonDeserializationContext;
import com.google.gson.JsonDeserializer;
import com.google.gson.JsonElement;
import com.google.gson.JsonSerializationContext;
import com.google.gson.JsonSerializer;

import io.github.imagejgan.model.ModelJson;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.AdversarialLoss;
import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.PatchDiscriminatorSpec;
import io.github.imagejgan.nn.ReconstructionLoss;

/**
 * A {@link GanConfig} as checkpoints store it: one flat JSON object of settings, in this order, as checkpoints have
 * always been written, so that every checkpoint written before the settings were grouped still resumes. Nothing is
 * checked here; turning it into a {@code GanConfig} checks the values.
 */
record StoredGanConfig(String modelName, ModelTask task, NetworkSpec generator, PatchDiscriminatorSpec discriminator,
        AdversarialLoss adversarialLoss, ReconstructionLoss reconstructionLoss, float adversarialWeight,
        float reconstructionWeight, float cycleWeight, float identityWeight, boolean conditional,
        float generatorRate, float discriminatorRate, float beta1, float beta2, long steps, long decayStart,
        long seed, int validateEvery, int checkpointEvery, int tileSize, Integer sliceHalo,
        Float weightAverage) {

    /** The JSON of checkpoints: {@link ModelJson}'s, writing and reading every {@code GanConfig} in stored form. */
    static final Gson GSON = ModelJson.gson().newBuilder().registerTypeAdapter(GanConfig.class, new Adapter())
            .create();

    private static final class Adapter implements JsonSerializer<GanConfig>, JsonDeserializer<GanConfig> {

        @Override
        public JsonElement serialize(GanConfig config, Type type, JsonSerializationContext context) {
            return context.serialize(of(config));
        }

        @Override
        public GanConfig deserialize(JsonElement json, Type type, JsonDeserializationContext context) {
            return context.<StoredGanConfig>deserialize(json, StoredGanConfig.class).config();
        }
    }

    static StoredGanConfig of(GanConfig c) {
        GanConfig.Networks n = c.networks();
        GanConfig.Losses l = c.losses();
        GanConfig.Optimizer o = c.optimizer();
        GanConfig.Schedule s = c.schedule();
        return new StoredGanConfig(c.modelName(), c.task(), n.generator(), n.discriminator(), l.adversarialLoss(),
                l.reconstructionLoss(), l.adversarialWeight(), l.reconstructionWeight(), l.cycleWeight(),
                l.identityWeight(), n.conditional(), o.generatorRate(), o.discriminatorRate(), o.beta1(), o.beta2(),
                s.steps(), s.decayStart(), c.seed(), s.validateEvery(), s.checkpointEvery(), n.tileSize(),
                // NB: absent for single planes and runs without a weight average, so that their checkpoints are
                // written as they always were.
                n.sliceHalo() == 0 ? null : n.sliceHalo(), o.weightAverage() == 0 ? null : o.weightAverage());
    }

    /** The settings these stand for; refuses values out of range as {@code GanConfig} does. */
    GanConfig config() {
        return new GanConfig(modelName, task, new GanConfig.Networks(generator, discriminator, conditional, tileSize,
                sliceHalo == null ? 0 : sliceHalo),
                new GanConfig.Losses(adversarialLoss, reconstructionLoss, adversarialWeight, reconstructionWeight,
                        cycleWeight, identityWeight), new GanConfig.Optimizer(generatorRate, discriminatorRate, beta1,
                                beta2, weightAverage == null ? 0f : weightAverage),
                new GanConfig.Schedule(steps, decayStart, validateEvery, checkpointEvery),
                seed);
    }
}
