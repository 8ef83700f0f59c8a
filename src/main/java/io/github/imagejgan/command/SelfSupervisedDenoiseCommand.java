package io.github.imagejgan.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import io.github.imagejgan.image.DeviceSelector;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.image.OutputType;
import io.github.imagejgan.image.PercentileNormalizer;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.predict.Operation;
import io.github.imagejgan.task.CancelledException;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.task.UserException;
import io.github.imagejgan.train.SelfSupervisedDenoising;
import io.github.imagejgan.train.StartingWeights;
import io.github.imagejgan.train.TrainingDefaults;
import io.github.imagejgan.train.TrainingFolder;
import io.github.imagejgan.train.TrainingRequest;

/**
 * Plugins › GAN › Denoise (self-supervised)…: denoises the current image, or a folder of images, by training a
 * blind-spot network on the noisy images themselves (no clean images needed), then running it on them. The model is
 * kept as a user model (and beside the outputs for a folder), so the same model can denoise further images and a
 * stopped run can resume.
 */
@Plugin(type = Command.class, menuPath = "Plugins>GAN>Denoise (self-supervised)...", headless = true,
        description = "Denoise images by training on them alone (Noise2Void-style blind spots)")
public class SelfSupervisedDenoiseCommand extends ContextCommand {

    static final String CURRENT = "Current image (every slice and frame)";
    static final String FOLDER = "Folder of images";

    static final String INDEPENDENT = "None: independent from pixel to pixel";
    static final String ALONG_X = "Along x (rows, e.g. line-wise camera readout)";
    static final String ALONG_Y = "Along y (columns, e.g. CT reconstruction streaks)";

    @Parameter(label = "Images to denoise", choices = { CURRENT, FOLDER })
    private String source = CURRENT;

    @Parameter(label = "Image", required = false)
    private ImagePlus image;

    @Parameter(label = "Input folder", style = "directory", required = false)
    private File inputFolder;

    @Parameter(label = "Output folder (for a folder)", style = "directory", required = false,
            description = "Denoised TIFFs and the model are written here; it must not be the input folder")
    private File outputFolder;

    @Parameter(label = "Training steps", min = "1")
    private int steps = (int) TrainingDefaults.ImagesRun.SELF_SUPERVISED.steps();

    @Parameter(label = "Noise correlated between neighbours", choices = { INDEPENDENT, ALONG_X, ALONG_Y },
            description = "Blind-spot training assumes that each pixel's noise is independent of its neighbours'. "
                    + "Where it is not (stripes along rows or columns), the network would learn the noise: choose "
                    + "the axis, and the neighbours along it are masked too (structN2V)")
    private String correlation = INDEPENDENT;

    @Parameter(label = "Correlation length (pixels)", min = "1", max = "8",
            description = "How many neighbours on each side along the axis carry correlated noise")
    private int correlationLength = 2;

    @Parameter(label = "Start from the shipped self-supervised network",
            description = "A new run adapts " + StartingWeights.SELF_SUPERVISED + " (a blind-spot network trained on "
                    + "noisy photographs, phantoms and dead-leaves scenes) to these images, which reaches a better "
                    + "result in the same steps; off starts from random weights. Multi-channel images always start "
                    + "from random weights")
    private boolean startFromShipped = true;

    @Parameter(label = "Model name")
    private String name = "self-supervised";

    @Parameter(label = "Resume an earlier run of this name",
            description = "Continue its checkpoint (for example with more steps); off starts anew")
    private boolean resume = false;

    @Parameter(label = "Device", description = "auto (GPU if present), cpu, gpu or gpu:N")
    private String device = "auto";

    @Parameter(type = ItemIO.OUTPUT)
    private ImagePlus result;

    @Parameter
    private LogService log;

    @Override
    public void run() {
        try {
            denoise();
        } catch (CancelledException e) {
            cancel(e.getMessage());
        } catch (IOException | RuntimeException e) {
            CommandFailure.cancel(this, log, e);
        }
    }

    private void denoise() throws IOException {
        boolean folder = FOLDER.equals(source);
        List<Path> files = folder ? inputFiles() : List.of();
        if (!folder && image == null) {
            throw new UserException("Open the noisy image first, or choose 'Folder of images'.");
        }
        Path outputs = folder ? outputs(files) : null;
        TrainingRequest request = SelfSupervisedDenoising.request(name, folder ? inputFolder.toPath() : Path.of(
                image.getTitle()), blindSpot(), TrainingDefaults.ImagesRun.SELF_SUPERVISED.withSteps(steps),
                TrainingDefaults.SEED);
        Path model = outputs != null ? outputs.resolve(name + ".zip") : ModelFromImages.work(name).resolve(name
                + ".zip");
        TrainingFolder images = folder ? TrainingFolder.of(inputFolder.toPath(), files, PercentileNormalizer.DEFAULT)
                : TrainingFolder.of(image.getTitle(), image, PercentileNormalizer.DEFAULT);
        String entry = ModelFromImages.train(request, images, model, "Self-supervised denoiser trained on " + (folder
                ? files.size() + " images from " + inputFolder : image.getTitle()), resume, startFromShipped
                        ? StartingWeights.named(StartingWeights.SELF_SUPERVISED, true) : null,
                DeviceSelector.select(device), log);
        Operation operation = new Operation(ModelTask.DENOISE, entry, OutputType.FLOAT32, "auto", device, 0, false,
                false, TrainingDefaults.ImagesRun.SELF_SUPERVISED_ENSEMBLE);
        if (!folder) {
            result = operation.run(image, t -> null, new CommandMonitor(null), log::info);
            return;
        }
        try (Operation.Session session = operation.open(log::info)) {
            CommandMonitor progress = new CommandMonitor(null);
            for (int i = 0; i < files.size(); i++) {
                progress.progress(i, files.size(), "Denoising " + files.get(i).getFileName());
                if (progress.isCancelled()) {
                    throw new CancelledException("Cancelled after " + i + " of " + files.size() + " images.");
                }
                ImagePlus denoised = session.run(ImageFiles.open(files.get(i)), t -> null, TaskMonitor.NONE);
                ImageFiles.saveTiff(denoised, outputs.resolve(ImageFiles.tiffName(files.get(i))));
            }
            progress.progress(files.size(), files.size(), "Denoised " + files.size() + " images");
            log.info("imagej-gan: " + files.size() + " denoised images in " + outputs);
        }
    }

    private String blindSpot() {
        return switch (correlation) {
            case ALONG_X -> "struct=x:" + correlationLength;
            case ALONG_Y -> "struct=y:" + correlationLength;
            default -> null;
        };
    }

    private List<Path> inputFiles() throws IOException {
        if (inputFolder == null || !inputFolder.isDirectory()) {
            throw new UserException("Choose the folder of noisy images.");
        }
        List<Path> files = ImageFiles.list(inputFolder.toPath());
        if (files.isEmpty()) {
            throw new UserException("The folder " + inputFolder + " holds no images.");
        }
        return files;
    }

    private Path outputs(List<Path> files) throws IOException {
        if (outputFolder == null) {
            throw new UserException("Choose an output folder for the denoised images.");
        }
        Path out = outputFolder.toPath();
        Files.createDirectories(out);
        if (Files.isSameFile(out, inputFolder.toPath())) {
            throw new UserException("The output folder is the input folder: the denoised images would replace the "
                    + "noisy ones. Choose another output folder.");
        }
        return out;
    }
}
