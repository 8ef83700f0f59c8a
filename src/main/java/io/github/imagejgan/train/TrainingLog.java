package io.github.imagejgan.train;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Progress of a training as lines of text, for the command line and headless runs: mean losses over each
 * hundredth of the run with the time left, and every validation.
 */
public final class TrainingLog implements TrainingListener {

    private final Consumer<String> sink;
    private long first;
    private double startSeconds = -1;
    private double[] sums = new double[4];
    private int count;
    private boolean beatBlur;

    public TrainingLog(Consumer<String> sink) {
        this.sink = sink;
    }

    @Override
    public void started(long firstStep, long totalSteps) {
        first = firstStep;
        sink.accept(firstStep > totalSteps
                ? String.format(Locale.ROOT, "[imagej-gan] The checkpoint already holds all %d steps; nothing to "
                        + "train (ask for more steps to continue)", totalSteps)
                : String.format(Locale.ROOT, "[imagej-gan] Training steps %d to %d", firstStep, totalSteps));
    }

    @Override
    public void stepDone(long step, long total, StepLosses losses, double seconds) {
        if (startSeconds < 0) {
            startSeconds = seconds;
        }
        sums[0] += losses.generatorAdversarial();
        sums[1] += losses.reconstruction();
        sums[2] += losses.discriminatorReal();
        sums[3] += losses.discriminatorFake();
        count++;
        long every = Math.max(1, total / 100);
        if (step % every == 0 || step == total) {
            double perStep = step > first ? (seconds - startSeconds) / (step - first) : 0;
            sink.accept(String.format(Locale.ROOT, "[imagej-gan] step %d/%d  G_adv %.4f  G_rec %.4f  D_real %.4f  "
                    + "D_fake %.4f  %.2f s/step  ETA %s", step, total, sums[0] / count, sums[1] / count,
                    sums[2] / count, sums[3] / count, perStep, eta(perStep * (total - step))));
            sums = new double[4];
            count = 0;
        }
    }

    @Override
    public void validated(ValidationResult result) {
        String blur = Double.isNaN(result.blurred()) ? "" : String.format(Locale.ROOT, ", best Gaussian blur %.2f dB",
                result.blurred());
        sink.accept(String.format(Locale.ROOT, "[imagej-gan] validation at step %d: %.2f dB (inputs %.2f dB%s)",
                result.step(), result.psnr(), result.baseline(), blur));
        if (result.beatsBlur() && !beatBlur) {
            beatBlur = true;
            sink.accept(String.format(Locale.ROOT, "[imagej-gan] the model now beats the best Gaussian blur on the "
                    + "validation patches (%+.2f dB at step %d)", result.psnr() - result.blurred(), result.step()));
        }
    }

    /** A duration as "1h05m", "3m20s". */
    public static String eta(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", s % 3600 / 60) + "m"
                : (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
    }
}
