package io.github.imagejgan.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import io.github.imagejgan.image.DeviceSelector;
import io.github.imagejgan.nn.GradientMode;
import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.Networks;
import io.github.imagejgan.task.TaskMonitor;

/**
 * The training loop shared by paired and unpaired GAN training: steps with the two-optimizer update of each
 * subclass, validation, "best" and "last" checkpoints, cancellation between steps, and resume that continues the
 * step count, weights, optimizer moments and schedule exactly. What a checkpoint holds and how it is read and
 * written is {@link Checkpoint}'s business; the model description it carries is {@link TrainedModelDescriptor}'s.
 */
public abstract class AdversarialTrainer implements AutoCloseable {

    /** A network of the run: its name in checkpoints and its architecture. */
    protected record Role(String name, NetworkSpec spec) {
    }

    protected final GanConfig config;
    protected final PatchSource data;
    protected final List<PatchBatch> validation;
    protected final NDManager manager;
    private final Map<String, TrainableNetwork> networks = new LinkedHashMap<>();
    private long step;
    private double bestPsnr = Double.NaN;
    private double lastPsnr = Double.NaN;
    private double baseline = Double.NaN;
    private double seconds;
    /** The average of the generator's weights that is validated and saved; null where the run keeps its own. */
    private final WeightAverage average;

    /** The model the generator started from, as the packages record it; empty for random weights. */
    private final String startedFrom;

    /**
     * @param resumeFrom a checkpoint to continue, or null for fresh weights drawn from the config's seed
     */
    protected AdversarialTrainer(GanConfig config, List<Role> roles, PatchSource data, List<PatchBatch> validation,
            Device device, Checkpoint resumeFrom) {
        this(config, roles, data, validation, device, resumeFrom, null);
    }

    /**
     * @param resumeFrom a checkpoint to continue, or null for a new run
     * @param start      for a new run, the weights its generator (the first role) starts from; null: drawn from the
     *                   config's seed like the other networks'
     */
    protected AdversarialTrainer(GanConfig config, List<Role> roles, PatchSource data, List<PatchBatch> validation,
            Device device, Checkpoint resumeFrom, StartingWeights start) {
        this.config = config;
        this.data = data;
        this.validation = List.copyOf(validation);
        this.startedFrom = resumeFrom != null ? resumeFrom.startedFrom() : start != null ? start.describe() : "";
        this.manager = DeviceSelector.newManager(device);
        try {
            if (resumeFrom == null) {
                DeviceSelector.engine().setRandomSeed((int) config.seed());
            }
            for (int i = 0; i < roles.size(); i++) {
                Role role = roles.get(i);
                Block block = resumeFrom != null ? resumeFrom.network(role.spec(), role.name(), i, manager)
                        : i == 0 && start != null ? start.generator(role.spec(), manager)
                        : Networks.create(role.spec(), manager);
                networks.put(role.name(), new TrainableNetwork(role.name(), role.spec(), block, manager,
                        config.optimizer().beta1(), config.optimizer().beta2()));
            }
            TrainableNetwork generator = networks.values().iterator().next();
            float decay = config.optimizer().weightAverage();
            average = decay > 0 ? new WeightAverage(manager, generator.trainable(), decay) : null;
            if (resumeFrom != null) {
                continueFrom(resumeFrom);
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Takes over where the checkpoint's run stood: step count, scores, time and optimizer moments. */
    private void continueFrom(Checkpoint checkpoint) {
        TrainingState state = checkpoint.state();
        step = state.step();
        bestPsnr = state.bestPsnr();
        lastPsnr = state.lastPsnr();
        baseline = state.baseline();
        seconds = state.seconds();
        checkpoint.restoreOptimizers(networks.values());
        if (average != null) {
            checkpoint.restoreAverage(average);
        }
    }

    /** The network with the given role name. */
    protected TrainableNetwork network(String name) {
        return networks.get(name);
    }

    /** Steps done so far. */
    public long stepsDone() {
        return step;
    }

    public GanConfig config() {
        return config;
    }

    /** The network that becomes the model: the (first) generator. */
    public Block generator() {
        return networks.values().iterator().next().block();
    }

    /**
     * One training step with the batch {@code step() + 1} of the data.
     *
     * @throws TrainingDivergedException if a loss is not finite
     */
    public StepLosses trainOneStep() {
        return step(data.batch(step + 1));
    }

    private StepLosses step(PatchBatch batch) {
        GradientMode.disableOnThisThread();
        long next = step + 1;
        StepLosses losses;
        try (NDManager scope = manager.newSubManager()) {
            losses = trainStep(batch, scope, config.generatorSchedule().at(next),
                    config.discriminatorSchedule().at(next));
            if (average != null && losses.isFinite()) {
                average.update(scope);
            }
        }
        if (!losses.isFinite()) {
            throw new TrainingDivergedException(next, losses);
        }
        step = next;
        return losses;
    }

    /**
     * Updates the networks with one batch: the generator(s) with the discriminator(s) frozen, then the
     * discriminator(s) on detached generator outputs. Arrays go into {@code scope}, closed after the step.
     */
    protected abstract StepLosses trainStep(PatchBatch batch, NDManager scope, float generatorRate,
            float discriminatorRate);

    /** Evaluates the held-out patches (only called when there are some). */
    protected abstract ValidationResult evaluate();

    /** One sentence for the model's description. */
    protected abstract String describeModel();

    /**
     * Whether the validation score ranks models, so that the best one is kept apart from the last. True for paired
     * training, where it measures the result against the truth.
     */
    protected boolean validationRanksModels() {
        return true;
    }

    /** Evaluates the held-out patches and records the result; empty without validation data. */
    public Optional<ValidationResult> validate() {
        if (validation.isEmpty()) {
            return Optional.empty();
        }
        GradientMode.disableOnThisThread();
        ValidationResult result = this.<ValidationResult, RuntimeException>withAverage(this::evaluate);
        lastPsnr = result.psnr();
        baseline = result.baseline();
        return Optional.of(result);
    }

    /**
     * Trains until the configured number of steps, writing {@code <name>-last.zip} and {@code <name>-best.zip}
     * into {@code folder}. Cancelling stops between two steps and still writes the last checkpoint.
     */
    public TrainingResult run(Path folder, TrainingListener listener, TaskMonitor monitor) throws IOException {
        TrainingLock.acquire();
        Path last = TrainingOutputs.last(folder, config.modelName());
        Path best = TrainingOutputs.best(folder, config.modelName());
        GanConfig.Schedule schedule = config.schedule();
        boolean cancelled = false;
        try (Prefetcher prefetcher = new Prefetcher(data, 2, 2)) {
            listener.started(step + 1, schedule.steps());
            while (step < schedule.steps()) {
                if (monitor.isCancelled()) {
                    cancelled = true;
                    break;
                }
                long start = System.nanoTime();
                StepLosses losses = step(prefetcher.take(step + 1));
                seconds += (System.nanoTime() - start) / 1e9;
                listener.stepDone(step, schedule.steps(), losses, seconds);
                monitor.progress(step, schedule.steps(), "Training step " + step + "/" + schedule.steps());
                if (step % schedule.validateEvery() == 0 || step == schedule.steps()) {
                    Optional<ValidationResult> result = validate();
                    if (result.isPresent()) {
                        listener.validated(result.get());
                        if (validationRanksModels() && !(result.get().psnr() <= bestPsnr)) {
                            bestPsnr = result.get().psnr();
                            save(best);
                            listener.checkpointSaved(best, "best");
                        }
                    }
                }
                if (step % schedule.checkpointEvery() == 0 && step < schedule.steps()) {
                    save(last);
                    listener.checkpointSaved(last, "last");
                }
            }
            save(last);
            listener.checkpointSaved(last, "last");
            if (validation.isEmpty() || !validationRanksModels() || !Files.exists(best)) {
                Files.copy(last, best, StandardCopyOption.REPLACE_EXISTING);
            }
            return new TrainingResult(step, cancelled, validationRanksModels() ? bestPsnr : lastPsnr, last, best,
                    seconds);
        } finally {
            TrainingLock.release();
        }
    }

    /**
     * Writes a checkpoint: a usable model package (with the generator's averaged weights where the run averages
     * them) plus everything needed to resume.
     */
    public void save(Path file) throws IOException {
        TrainingState state = new TrainingState(step, bestPsnr, lastPsnr, baseline, seconds, config);
        this.<Void, IOException>withAverage(() -> {
            Checkpoint.write(file, TrainedModelDescriptor.of(state, describeModel(), data, startedFrom),
                    List.copyOf(networks.values()), state, average);
            return null;
        });
    }

    /** Something done with the generator's weights. */
    private interface WithWeights<T, E extends Exception> {
        T run() throws E;
    }

    /** Runs {@code work} with the averaged weights in the generator, where the run averages them. */
    private <T, E extends Exception> T withAverage(WithWeights<T, E> work) throws E {
        if (average == null) {
            return work.run();
        }
        average.swap();
        try {
            return work.run();
        } finally {
            average.swap();
        }
    }

    /** A new gradient collector of the engine. */
    protected GradientCollector newCollector() {
        return manager.getEngine().newGradientCollector();
    }

    /** PSNR in dB for a mean squared error of normalized (0..1) values. */
    protected static double psnr(double meanSquaredError) {
        return 10 * Math.log10(1 / meanSquaredError);
    }

    @Override
    public void close() {
        manager.close();
    }
}
