package io.github.imagejgan.cli;

import io.github.imagejgan.image.OutputType;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.predict.Operation;
import io.github.imagejgan.predict.PredictionOptions;

/**
 * The options of {@code denoise|sr|inpaint|style} as the command line takes them, for every batch front end that runs
 * an operation over files (this command line, and the Spark runner), so that the same words mean the same there.
 */
public final class OperationOptions {

    private OperationOptions() {
    }

    /** The task a command names: {@code denoise}, {@code sr}, {@code inpaint} or {@code style}. */
    public static ModelTask task(String command) {
        return switch (command) {
            case "denoise" -> ModelTask.DENOISE;
            case "sr" -> ModelTask.SUPER_RESOLUTION;
            case "inpaint" -> ModelTask.INPAINT;
            case "style" -> ModelTask.STYLE;
            case "isotropic" -> ModelTask.ISOTROPIC;
            default -> throw new UsageException("Unknown command '" + command + "'.");
        };
    }

    /**
     * The operation the options describe ({@code --output-type}, {@code --tile}, {@code --device},
     * {@code --channel}, {@code --direction}, {@code --ensemble}, {@code --strength}, {@code --adapt}); every option is
     * checked here,
     * before any file is touched.
     */
    public static Operation operation(ModelTask task, CommandLine args, String model) {
        return operation(task, args, model, 1);
    }

    /** As {@link #operation(ModelTask, CommandLine, String)}, with {@code ensemble} passes unless given. */
    public static Operation operation(ModelTask task, CommandLine args, String model, int ensemble) {
        String type = args.string("output-type", task.defaultOutputType() == OutputType.FLOAT32 ? "float" : "same");
        if (!type.equals("same") && !type.equals("float")) {
            throw new UsageException("--output-type is 'same' or 'float', got '" + type + "'.");
        }
        boolean reverse = args.has("direction") && reverse(task, args.string("direction", null));
        if (args.has("strength") && task != ModelTask.SUPER_RESOLUTION && task != ModelTask.INPAINT
                && task != ModelTask.DENOISE) {
            throw new UsageException("--strength is for denoising, super-resolution (sr) and inpainting only.");
        }
        if (args.has("adapt") && task != ModelTask.INPAINT) {
            throw new UsageException("--adapt is for inpainting only.");
        }
        try {
            return new Operation(task, model, type.equals("float") ? OutputType.FLOAT32
                    : OutputType.SAME_AS_INPUT, args.string("tile", "auto"), args.string("device", "auto"),
                    args.integer("channel", 0), false, reverse, args.integer("ensemble", ensemble),
                    args.string("strength", "auto"), args.integer("adapt", PredictionOptions.DEFAULT_ADAPTATION));
        } catch (IllegalArgumentException e) {
            // NB: Operation checks the choices it is given; on a command line a wrong choice is a usage error.
            throw new UsageException(e.getMessage());
        }
    }

    private static boolean reverse(ModelTask task, String direction) {
        if (task != ModelTask.STYLE) {
            throw new UsageException("--direction is for style transfer only.");
        }
        if (!direction.equals("a-to-b") && !direction.equals("b-to-a")) {
            throw new UsageException("--direction is 'a-to-b' or 'b-to-a', got '" + direction + "'.");
        }
        return direction.equals("b-to-a");
    }
}
