package io.github.imagejgan.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.github.imagejgan.task.Failures;

/**
 * The headless entry point: {@code java -jar imagej-gan.jar <command> [options]}. Exits with 0 on success, 1 when
 * the work failed, 2 when the command line was wrong.
 */
public final class Main {

    private static final String USAGE = "Usage: imagej-gan <command> [options]\nCommands:\n" + PredictSubcommand.HELP
            + "\n" + SynthesizeSubcommand.HELP + "\n" + InputsTraining.SELF_SUPERVISED_HELP + "\n"
            + InputsTraining.ISOTROPIC_HELP + "\n" + TrainSubcommand.HELP + "\n" + EvaluateSubcommand.HELP + "\n"
            + DistributionEvaluateSubcommand.HELP + "\n" + ModelsSubcommand.HELP + "\n"
            + InteropSubcommand.HELP
            + "\ndemo [FOLDER]   denoise the bundled sample with the shipped model";

    private Main() {
    }

    public static void main(String[] args) {
        quietGpuProbe();
        int code = run(args, System.out, System.err);
        // ImageJ's filters leave a non-daemon thread pool behind; a command-line run must end here.
        System.exit(code);
    }

    /**
     * DJL warns "Failed to detect GPU count" each time it probes for CUDA on a machine without an NVIDIA driver, where
     * the run's own device line already says why the CPU is used. Where Linux shows a loaded driver the warning tells
     * why its GPU is not used, and stays; so does any level the user set. Only slf4j-simple, the command line's
     * logger, reads the property, and it must be set before DJL's first log line.
     */
    private static void quietGpuProbe() {
        String level = "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils";
        if (System.getProperty(level) == null && !Files.exists(Path.of("/proc/driver/nvidia"))) {
            System.setProperty(level, "error");
        }
    }

    /** Runs a command, reporting to the given streams; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "denoise", "sr", "inpaint", "style", "isotropic" -> new PredictSubcommand(out, err).run(args[0],
                        new CommandLine(rest, PredictSubcommand.flags()));
                case "synthesize" -> new SynthesizeSubcommand(out, err).run(new CommandLine(rest,
                        SynthesizeSubcommand.flags()));
                case "train" -> new TrainSubcommand(out).run(new CommandLine(rest, TrainSubcommand.flags()));
                case "evaluate" -> DistributionEvaluateSubcommand.handles(rest)
                        ? new DistributionEvaluateSubcommand(out).run(new CommandLine(rest,
                                DistributionEvaluateSubcommand.flags()))
                        : new EvaluateSubcommand(out).run(new CommandLine(rest, EvaluateSubcommand.flags()));
                case "models" -> new ModelsSubcommand(out).run(new CommandLine(rest, ModelsSubcommand.flags()));
                case "import-torchscript", "import-bioimageio", "export-torchscript", "export-bioimageio" ->
                    new InteropSubcommand(out).run(args[0], new CommandLine(rest, InteropSubcommand.flags()));
                case "demo" -> {
                    DemoMain.run(Path.of("."), Path.of(rest.isEmpty() ? "demo-output" : rest.get(0)));
                    yield 0;
                }
                default -> throw new UsageException("Unknown command '" + args[0] + "'.");
            };
        } catch (UsageException e) {
            err.println("[imagej-gan] " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (Exception e) {
            err.println("[imagej-gan] Error: " + Failures.message(e));
            return 1;
        }
    }
}
