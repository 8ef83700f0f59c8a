package io.github.imagejgan.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import io.github.imagejgan.cli.CommandLine;
import io.github.imagejgan.cli.OperationOptions;
import io.github.imagejgan.cli.UsageException;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.predict.Operation;
import io.github.imagejgan.task.Failures;

/**
 * The entry point for {@code spark-submit}: imagej-gan's batch restoration over many files, or over one OME-Zarr
 * image block by block, on whatever master spark-submit names ({@code local[*]} when run without one). Exits with
 * 0 on success, 1 when some work failed, 2 when the command line was wrong, as the command line does.
 */
public final class SparkMain {

    static final String USAGE = """
            Usage: spark-submit --class io.github.imagejgan.spark.SparkMain imagej-gan-spark-<version>.jar <command>
            Commands:
            denoise|sr|inpaint|style|isotropic --model NAME|FILE.zip|URI --out DIR [options] IN...
              IN: image files, folders or globs on a file system every worker sees (file:, hdfs:, s3a:, ...);
                  TIFF out: DIR/<name>.tif, each written atomically; existing outputs are skipped
              options: as imagej-gan's: --overwrite --output-type same|float --tile auto|16..16384
                       --device auto|cpu|gpu:N --channel N --mask FILE|DIR --direction a-to-b|b-to-a
                       --strength auto|0..1 (denoise, sr and inpaint; on Zarr blocks it cannot be fitted on the
                       whole image: a number, else 1)
                       --files-per-task N|auto (default auto: 4 tasks per core of the cluster)
            denoise|sr|style --model NAME|FILE.zip|URI --out OUT.zarr [--block N] [options] IN.zarr
              one OME-Zarr image, block by block (blocks of N x N input pixels, default 1024, rounded to chunks);
              --tile N as imagej-gan's --tile N gives the same pixels ("auto": the model's tile size)
            tiff-to-zarr [--chunk N] IN.tif OUT.zarr   a TIFF (plane by plane) to OME-Zarr, chunks N x N (512)
            zarr-to-tiff IN.zarr OUT.tif               an OME-Zarr image to one TIFF""";

    private SparkMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, null));
    }

    /**
     * Runs a command on {@code spark}, or on a Spark context of its own (from spark-submit's settings) when null;
     * returns the exit status. The command line is checked whole before Spark starts.
     */
    public static int run(String[] args, PrintStream out, PrintStream err, JavaSparkContext spark) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        JavaSparkContext own = null;
        try {
            CommandLine line = new CommandLine(rest, Set.of("overwrite"));
            if (args[0].equals("zarr-to-tiff")) {
                return Conversions.zarrToTiff(line, out);
            }
            Job job = args[0].equals("tiff-to-zarr") ? Conversions.tiffToZarr(line, out) : restore(args[0], line, out);
            if (spark == null) {
                own = new JavaSparkContext(new SparkConf().setIfMissing("spark.master", "local[*]")
                        .setIfMissing("spark.app.name", "imagej-gan " + args[0]));
            }
            return job.run(spark == null ? own : spark);
        } catch (UsageException e) {
            err.println("[imagej-gan] " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (Exception e) {
            err.println("[imagej-gan] Error: " + Failures.message(e));
            return 1;
        } finally {
            if (own != null) {
                own.stop();
            }
        }
    }

    /** Work on a Spark context, its command line checked; returns the exit status. */
    @FunctionalInterface
    interface Job {
        int run(JavaSparkContext spark) throws IOException;
    }

    private static Job restore(String command, CommandLine line, PrintStream out) throws IOException {
        ModelTask task = OperationOptions.task(command);
        Operation operation = OperationOptions.operation(task, line, line.required("model"));
        String target = line.string("out", null);
        if (target == null) {
            throw new UsageException("Missing --out DIR.");
        }
        List<String> inputs = line.positional();
        if (inputs.size() == 1 && ZarrImage.isZarr(inputs.get(0))) {
            ZarrJob job = new ZarrJob(operation, line.integer("block", 1024));
            line.rejectUnknown();
            return spark -> job.run(spark, inputs.get(0), target, out);
        }
        String mask = line.string("mask", null);
        FileJob job = new FileJob(operation, target, mask, line.flag("overwrite"), FileJob.filesPerTask(line.string(
                "files-per-task", "auto")), FileTask.AfterFile.NONE);
        line.rejectUnknown();
        if (task == ModelTask.INPAINT && mask == null) {
            throw new UsageException("Inpainting needs --mask FILE or --mask DIR.");
        }
        if (inputs.isEmpty()) {
            throw new UsageException("No inputs: name image files, folders or globs.");
        }
        return spark -> job.run(spark, inputs, out);
    }
}
