package io.github.imagejgan.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import ij.ImagePlus;
import ij.plugin.filter.GaussianBlur;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.image.OutputType;
import io.github.imagejgan.metrics.NormalizedComparison;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.predict.Operation;
import io.github.imagejgan.task.TaskMonitor;

/**
 * The demo: denoises the bundled sample (a dim synthetic fluorescence image, {@code samples/}) with the shipped
 * {@code denoise-general} model through the plugin's full path, compares it with a Gaussian blur and the
 * ground truth, and writes the result and a side-by-side PNG. Run with {@code mvn -B compile exec:exec@demo}.
 */
public final class DemoMain {

    /** Gaussian sigma of the comparison blur: the best sigma for these images (models/MODELS.md). */
    private static final double BLUR_SIGMA = 1.5;

    private DemoMain() {
    }

    /**
     * PSNR in dB against the ground truth, percentile-normalized as in CSBDeep.
     *
     * @param noisy   of the noisy input
     * @param blurred of a Gaussian blur of the input, a classical baseline
     * @param network of the model's output
     */
    public record Result(double noisy, double blurred, double network) {
    }

    /** Arguments: output folder (default {@code demo-output}). */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "demo-output");
        long start = System.nanoTime();
        run(Path.of("."), out);
        log(String.format(Locale.ROOT, "Done in %.0f s. Results in %s", (System.nanoTime() - start) / 1e9,
                out.toAbsolutePath()));
        // ImageJ's filters leave a non-daemon thread pool behind; a command-line run must end here.
        System.exit(0);
    }

    /** Denoises {@code samples/} of the project at {@code root} with its shipped model into {@code out}. */
    public static Result run(Path root, Path out) throws IOException {
        if (System.getProperty("imagejgan.shipped.models") == null) {
            System.setProperty("imagejgan.shipped.models", root.resolve("models").toString());
        }
        ImagePlus noisy = ImageFiles.open(root.resolve("samples/filaments-noisy.tif"));
        ImagePlus truth = ImageFiles.open(root.resolve("samples/filaments-clean.tif"));
        Operation denoise = new Operation(ModelTask.DENOISE, "denoise-general", OutputType.SAME_AS_INPUT,
                "auto", System.getProperty("imagejgan.device", "auto"), 0, false, false);
        ImagePlus denoised = denoise.run(noisy, null, TaskMonitor.NONE, DemoMain::log);
        FloatProcessor blurred = noisy.getProcessor().convertToFloatProcessor();
        new GaussianBlur().blurGaussian(blurred, BLUR_SIGMA);
        Result result = new Result(psnr(truth, noisy.getProcessor()), psnr(truth, blurred), psnr(truth,
                denoised.getProcessor()));
        log(String.format(Locale.ROOT, "PSNR against ground truth: noisy %.2f dB, Gaussian blur (sigma %.1f) "
                + "%.2f dB, denoise-general %.2f dB", result.noisy(), BLUR_SIGMA, result.blurred(),
                result.network()));
        ImageFiles.saveTiff(denoised, out.resolve("denoised.tif"));
        ImageFiles.savePng(sideBySide(truth.getProcessor(), noisy.getProcessor(), blurred, denoised.getProcessor(),
                truth.getProcessor()), out.resolve("comparison.png"));
        log("Wrote denoised.tif and comparison.png (noisy | Gaussian blur | denoise-general | ground truth)");
        return result;
    }

    private static double psnr(ImagePlus truth, ImageProcessor image) {
        return NormalizedComparison.QUALITY_CONTROL.compare((float[]) truth.getProcessor().convertToFloatProcessor()
                .getPixels(), (float[]) image.convertToFloatProcessor().getPixels(), truth.getWidth(),
                truth.getHeight()).psnr();
    }

    /** The images beside each other on the grey scale of the ground truth (0.5 to 99.5 %). */
    private static ImagePlus sideBySide(ImageProcessor reference, ImageProcessor... images) {
        float[] sorted = ((float[]) reference.convertToFloatProcessor().getPixels()).clone();
        java.util.Arrays.sort(sorted);
        double low = sorted[(int) (sorted.length * 0.005)];
        double high = sorted[(int) (sorted.length * 0.995)];
        int w = reference.getWidth();
        int h = reference.getHeight();
        int gap = 4;
        ByteProcessor montage = new ByteProcessor(images.length * w + (images.length - 1) * gap, h);
        montage.setColor(255);
        montage.fill();
        for (int i = 0; i < images.length; i++) {
            ImageProcessor part = images[i].convertToFloatProcessor();
            part.setMinAndMax(low, high);
            montage.insert(part.convertToByte(true), i * (w + gap), 0);
        }
        return new ImagePlus("comparison", montage);
    }

    private static void log(String message) {
        System.out.println("[imagej-gan] " + message);
    }
}
