package io.github.imagejgan.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.AdversarialLoss;
import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.PatchDiscriminatorSpec;
import io.github.imagejgan.nn.ReconstructionLoss;
import io.github.imagejgan.nn.UNet3dSpec;

/**
 * The settings a checkpoint fixes for the rest of its run: task, model name, network shapes, losses, rates and seed.
 * A resumed run continues with exactly these, so a request that asks for others is refused rather than silently
 * ignored; a front end may also offer them as the defaults when resuming. Null stands for a setting the run's
 * generator does not have (the U-Net depth of a super-resolution network).
 */
public record RunSettings(ModelTask task, String name, Integer features, Integer depth, Integer blocks,
        Integer scale, boolean adversarial, Integer discriminatorFeatures, AdversarialLoss adversarialLoss,
        ReconstructionLoss reconstructionLoss, float adversarialWeight, float reconstructionWeight,
        float learningRate, long seed, int sliceHalo, boolean volumetric, boolean noiseMap, float weightAverage) {

    private record Setting(String label, Function<RunSettings, Object> value) {
    }

    private static final List<Setting> SETTINGS = List.of(new Setting("task", s -> s.task().id()),
            new Setting("model name", RunSettings::name), new Setting("generator features", RunSettings::features),
            new Setting("U-Net depth", RunSettings::depth), new Setting("residual blocks", RunSettings::blocks),
            new Setting("super-resolution factor", RunSettings::scale),
            new Setting("adversarial training", RunSettings::adversarial),
            new Setting("discriminator features", RunSettings::discriminatorFeatures),
            new Setting("adversarial loss", RunSettings::adversarialLoss),
            new Setting("reconstruction loss", RunSettings::reconstructionLoss),
            new Setting("adversarial weight", RunSettings::adversarialWeight),
            new Setting("reconstruction weight", RunSettings::reconstructionWeight),
            new Setting("learning rate", RunSettings::learningRate), new Setting("seed", RunSettings::seed),
            new Setting("neighbouring slices on each side", RunSettings::sliceHalo),
            new Setting("volumetric (3D) network", RunSettings::volumetric),
            new Setting("noise map", RunSettings::noiseMap),
            new Setting("weight average", RunSettings::weightAverage));

    /** The settings of a run's configuration. */
    public static RunSettings of(GanConfig config) {
        NetworkSpec g = config.networks().generator();
        GeneratorShape shape = GeneratorShape.of(g);
        PatchDiscriminatorSpec discriminator = config.networks().discriminator();
        GanConfig.Losses losses = config.losses();
        return new RunSettings(config.task(), config.modelName(), shape.features(), shape.depth(), shape.blocks(),
                shape.scale(), discriminator != null,
                discriminator != null ? discriminator.features() : null, losses.adversarialLoss(),
                losses.reconstructionLoss(), losses.adversarialWeight(), losses.reconstructionWeight(),
                config.optimizer().generatorRate(), config.seed(), config.networks().sliceHalo(),
                g instanceof UNet3dSpec, g.noiseMap(), config.optimizer().weightAverage());
    }

    /**
     * Refuses to continue {@code checkpoint}, saved with these settings, with {@code requested} ones that differ.
     *
     * @throws TrainingSettingsException naming every setting that differs, with both values
     */
    public void requireSame(RunSettings requested, Path checkpoint) {
        List<String> differences = new ArrayList<>();
        for (Setting s : SETTINGS) {
            Object saved = s.value().apply(this);
            Object asked = s.value().apply(requested);
            if (saved != null && asked != null && !Objects.equals(saved, asked)) {
                differences.add(s.label() + " " + show(asked) + " (the checkpoint has " + show(saved) + ")");
            }
        }
        if (!differences.isEmpty()) {
            throw new TrainingSettingsException("Cannot resume " + checkpoint.getFileName() + " with other settings: "
                    + String.join(", ", differences) + ". A resumed run keeps the settings it started with: give "
                    + "them as they were (on the command line, leave them out), or start a new training.");
        }
    }

    private static String show(Object value) {
        return value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : String.valueOf(value);
    }
}
