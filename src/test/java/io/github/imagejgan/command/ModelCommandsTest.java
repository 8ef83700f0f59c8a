package io.github.imagejgan.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import ai.djl.Device;
import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.imagejgan.degrade.PoissonGaussianNoise;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.nn.UNet3dSpec;
import io.github.imagejgan.train.TrainingDefaults;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.AdversarialLoss;
import io.github.imagejgan.nn.ReconstructionLoss;
import io.github.imagejgan.nn.SpadeSpec;
import io.github.imagejgan.synth.LabelledDataset;
import io.github.imagejgan.synth.NucleiPhantom;
import io.github.imagejgan.synth.NucleiVolumePhantom;
import io.github.imagejgan.synth.SyntheticVolumes;
import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.testing.LabelScenes;
import io.github.imagejgan.testing.NoisyPairs;
import io.github.imagejgan.train.Checkpoint;
import io.github.imagejgan.train.GanConfig;
import io.github.imagejgan.train.TrainingRequest;

class ModelCommandsTest extends CommandTestBase {

    private static Map<String, Object> manage(String action, Object... more) {
        Map<String, Object> map = new HashMap<>();
        map.put("action", action);
        map.put("model", null);
        map.put("packageFile", null);
        map.put("importName", null);
        map.put("replace", false);
        for (int i = 0; i < more.length; i += 2) {
            map.put((String) more[i], more[i + 1]);
        }
        return map;
    }

    @Test
    void manageModelsListsImportsShowsAndDeletes() throws Exception {
        Ran list = run(ManageModelsCommand.class, manage(ManageModelsCommand.LIST));
        ResultsTable table = (ResultsTable) list.getOutput("models");
        assertEquals(4, table.size());
        assertEquals("shipped", table.getStringValue("Source", 0));

        Ran imported = run(ManageModelsCommand.class, manage(ManageModelsCommand.IMPORT, "packageFile",
                shipped.resolve("denoise-test.zip").toFile(), "importName", "my-denoiser"));
        assertFalse(imported.isCanceled(), imported.getCancelReason());
        assertTrue(Files.isRegularFile(user.resolve("my-denoiser.zip")));
        assertEquals(5, ((ResultsTable) imported.getOutput("models")).size());

        Ran clash = run(ManageModelsCommand.class, manage(ManageModelsCommand.IMPORT, "packageFile",
                shipped.resolve("sr-test.zip").toFile(), "importName", "denoise-test"));
        assertTrue(clash.getCancelReason().contains("shipped model named 'denoise-test' exists"),
                clash.getCancelReason());

        Ran info = run(ManageModelsCommand.class, manage(ManageModelsCommand.INFO, "model", "my-denoiser"));
        String text = (String) info.getOutput("info");
        assertTrue(text.contains("Task: denoise") && text.contains("(user)") && text.contains("residual-denoiser"),
                text);

        Ran shippedDelete = run(ManageModelsCommand.class, manage(ManageModelsCommand.DELETE, "model",
                "denoise-test"));
        assertTrue(shippedDelete.getCancelReason().contains("cannot be deleted"), shippedDelete.getCancelReason());
        Ran delete = run(ManageModelsCommand.class, manage(ManageModelsCommand.DELETE, "model", "my-denoiser"));
        assertFalse(delete.isCanceled(), delete.getCancelReason());
        assertFalse(Files.exists(user.resolve("my-denoiser.zip")));

        Files.writeString(user.resolve("broken.zip"), "not a model");
        Ran withBroken = run(ManageModelsCommand.class, manage(ManageModelsCommand.LIST));
        assertEquals(4, ((ResultsTable) withBroken.getOutput("models")).size(), "unreadable files are skipped");
    }

    @Test
    void evaluateScoresPredictionAgainstTruth() throws Exception {
        ImagePlus truth = IJ.createImage("truth", "32-bit ramp", 64, 64, 2);
        ImagePlus noisy = truth.duplicate();
        noisy.setTitle("noisy");
        Random random = new Random(1);
        for (int i = 1; i <= 2; i++) {
            float[] p = (float[]) noisy.getStack().getPixels(i);
            for (int k = 0; k < p.length; k++) {
                p[k] += (float) (0.05 * random.nextGaussian());
            }
        }
        Map<String, Object> inputs = new HashMap<>(Map.of("prediction", noisy, "truth", truth, "intensities",
                EvaluateCommand.RAW, "perPlane", true));
        ResultsTable table = (ResultsTable) run(EvaluateCommand.class, inputs).getOutput("table");
        assertEquals(3, table.size(), "two planes and the mean");
        assertEquals("all", table.getStringValue("Plane", 2));
        // Noise 0.05 on a 0..1 ramp: PSNR = 20 log10(1 / 0.05) = 26 dB.
        assertEquals(26.0, table.getValue("PSNR (dB)", 2), 0.3);
        assertTrue(table.getValue("SSIM", 2) < 1);
        inputs.put("truth", IJ.createImage("small", "32-bit ramp", 32, 32, 1));
        Ran mismatch = run(EvaluateCommand.class, inputs);
        assertTrue(mismatch.getCancelReason().contains("differ in size"), mismatch.getCancelReason());
    }

    private Path pairs(String name, int count) throws IOException {
        Path root = Files.createDirectories(dir.resolve(name));
        Path in = Files.createDirectories(root.resolve("noisy"));
        Path out = Files.createDirectories(root.resolve("clean"));
        NoisyPairs.write(in, out, count, 48);
        return root;
    }

    private Map<String, Object> training(Path root, String name, int steps, Path resume) {
        Map<String, Object> map = new HashMap<>();
        map.put("task", "denoise");
        map.put("layout", TrainGanCommand.PAIRED);
        map.put("firstFolder", root.resolve("noisy").toFile());
        map.put("secondFolder", root.resolve("clean").toFile());
        map.put("degradation", "gaussian:sigma=0.1");
        map.put("slices", 1);
        map.put("volumetric", false);
        map.put("instanceLabels", false);
        map.put("preset", TrainGanCommand.FAST);
        map.put("scale", "2");
        map.put("steps", steps);
        map.put("patch", 32);
        map.put("batch", 2);
        map.put("learningRate", 1e-3);
        map.put("seed", 3L);
        map.put("validation", 0.34);
        map.put("adversarial", true);
        map.put("adversarialLoss", "lsgan");
        map.put("reconstructionLoss", "l1");
        map.put("name", name);
        map.put("workFolder", dir.resolve("work").toFile());
        map.put("resume", resume == null ? null : resume.toFile());
        map.put("startModel", "");
        map.put("device", "cpu");
        return map;
    }

    /** Runs Train GAN, which must succeed, and returns the registered model it wrote. */
    private Path trainedModel(Map<String, Object> inputs) throws Exception {
        Ran ran = run(TrainGanCommand.class, inputs);
        assertFalse(ran.isCanceled(), ran.getCancelReason());
        return Path.of((String) ran.getOutput("model"));
    }

    @Test
    void trainGanWritesARegisteredModelAndResumes() throws Exception {
        Path root = pairs("pairs", 3);
        Map<String, Object> first = training(root, "tiny", 4, null);
        first.put("weightAverage", 0.9);
        Path model = trainedModel(first);
        assertEquals(user.resolve("tiny.zip"), model);
        try (LoadedModel loaded = ModelPackage.load(model, Device.cpu())) {
            assertEquals(ModelTask.DENOISE, loaded.descriptor().task());
            // The registered model holds the weights of the best validation, at one of the four steps.
            long steps = loaded.descriptor().provenance().steps();
            assertTrue(steps >= 1 && steps <= 4, "weights of step " + steps);
            assertTrue(ModelPackage.open(model).entry("training.json") == null, "the registered model is compact");
        }
        Path checkpoint = dir.resolve("work").resolve("tiny-last.zip");
        Map<String, Object> again = training(root, "tiny", 6, checkpoint);
        again.put("weightAverage", 0.9);
        Ran resumed = run(TrainGanCommand.class, again);
        assertFalse(resumed.isCanceled(), resumed.getCancelReason());
        assertEquals(6, ModelPackage.open(checkpoint).descriptor().provenance().steps());
        assertEquals(0.9f, Checkpoint.open(checkpoint).config().optimizer().weightAverage(), "the average is kept");
    }

    @Test
    void trainGanStartsFromAModelsWeightsWithItsNetwork() throws Exception {
        Path root = pairs("start", 3);
        Path baseModel = trainedModel(training(root, "base", 3, null));
        // Another network size in the dialog: the model's network is taken; one step at a vanishing rate keeps its
        // weights.
        Map<String, Object> inputs = training(root, "tuned", 1, null);
        inputs.put("preset", TrainGanCommand.LARGE);
        inputs.put("learningRate", 1e-12);
        inputs.put("adversarial", false);
        inputs.put("startModel", baseModel.toString());
        try (LoadedModel from = ModelPackage.load(baseModel, Device.cpu());
                LoadedModel to = ModelPackage.load(trainedModel(inputs), Device.cpu())) {
            assertEquals(from.descriptor().generator(), to.descriptor().generator());
            assertTrue(to.descriptor().provenance().startedFrom().startsWith(from.descriptor().name() + " ("
                    + baseModel.getFileName() + ": 3 steps"), to.descriptor().provenance().startedFrom());
            var weights = from.generator().getParameters();
            var started = to.generator().getParameters();
            for (int i = 0; i < weights.size(); i++) {
                assertEquals(0, weights.get(i).getValue().getArray().sub(started.get(i).getValue().getArray()).abs()
                        .max().getFloat(), 1e-6, weights.get(i).getKey());
            }
        }
        // A start and a checkpoint to resume: refused.
        Map<String, Object> both = training(root, "both", 2, dir.resolve("work").resolve("base-last.zip"));
        both.put("startModel", baseModel.toString());
        Ran refused = run(TrainGanCommand.class, both);
        assertTrue(refused.isCanceled());
        assertTrue(refused.getCancelReason().contains("not both"), refused.getCancelReason());
    }

    @Test
    void trainGanTrainsWithTheChosenLosses() throws Exception {
        Map<String, Object> inputs = training(pairs("losses", 3), "losses", 2, null);
        inputs.put("adversarialLoss", "hinge");
        inputs.put("reconstructionLoss", "ssim");
        Ran ran = run(TrainGanCommand.class, inputs);
        assertFalse(ran.isCanceled(), ran.getCancelReason());
        GanConfig config = Checkpoint.open(dir.resolve("work").resolve("losses-last.zip")).config();
        assertEquals(AdversarialLoss.HINGE, config.losses().adversarialLoss());
        assertEquals(ReconstructionLoss.SSIM, config.losses().reconstructionLoss());

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> TrainingRequest.loss(AdversarialLoss.class, "wgan", "adversarial loss"));
        assertEquals("Unknown adversarial loss 'wgan'; choose one of lsgan, hinge, bce.", unknown.getMessage());
        assertEquals(ReconstructionLoss.L1, TrainingRequest.loss(ReconstructionLoss.class, " L1 ", "loss"));
    }

    @Test
    void trainGanLearnsFromNeighbouringSlicesOfZStacks() throws Exception {
        Path volumes = dir.resolve("volumes");
        SyntheticVolumes.write(volumes, new NucleiVolumePhantom(40, 40, 5, 2, 20, 4, 8, 1.2, 3, 10, 200), 2, 1);
        Map<String, Object> inputs = training(dir, "stacks", 2, null);
        inputs.put("layout", TrainGanCommand.DEGRADED);
        inputs.put("firstFolder", volumes.toFile());
        inputs.put("adversarial", false);
        inputs.put("slices", 4);
        Ran even = run(TrainGanCommand.class, inputs);
        assertTrue(even.getCancelReason().startsWith("Slices seen must be odd"), even.getCancelReason());
        inputs.put("slices", 3);
        Ran ran = run(TrainGanCommand.class, inputs);
        assertFalse(ran.isCanceled(), ran.getCancelReason());
        try (LoadedModel loaded = ModelPackage.load(Path.of((String) ran.getOutput("model")), Device.cpu())) {
            assertEquals(3, loaded.descriptor().tiling().slices());
            assertEquals(3, loaded.descriptor().generator().inputChannels());
        }
        inputs.put("volumetric", true);
        inputs.put("name", "stacks-3d");
        inputs.put("workFolder", dir.resolve("work-3d").toFile());
        Ran volumetric = run(TrainGanCommand.class, inputs);
        assertFalse(volumetric.isCanceled(), volumetric.getCancelReason());
        try (LoadedModel loaded = ModelPackage.load(Path.of((String) volumetric.getOutput("model")), Device.cpu())) {
            UNet3dSpec network = assertInstanceOf(UNet3dSpec.class, loaded.descriptor().generator(), "3D network");
            assertEquals(1, network.sliceRadius());
            assertEquals(TrainingDefaults.DEPTH, network.depth());
        }
    }

    @Test
    void trainGanRefusesSettingsOutOfRangeBeforeReadingData() throws Exception {
        Map<String, Object> inputs = training(dir.resolve("not-read"), "x", 0, null);
        Ran steps = run(TrainGanCommand.class, inputs);
        assertEquals("Training steps 0 is out of range: choose 1 to 100000000.", steps.getCancelReason());
        inputs.put("steps", 10);
        inputs.put("patch", 4);
        Ran patch = run(TrainGanCommand.class, inputs);
        assertTrue(patch.getCancelReason().startsWith("Patch size 4 is not possible: choose 32 to 1024 pixels"),
                patch.getCancelReason());
        assertFalse(Files.exists(dir.resolve("work")), "nothing written");
    }

    @Test
    void trainGanExplainsBadFolders() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Map<String, Object> inputs = training(dir, "x", 2, null);
        inputs.put("firstFolder", empty.toFile());
        inputs.put("secondFolder", empty.toFile());
        Ran none = run(TrainGanCommand.class, inputs);
        assertTrue(none.getCancelReason().contains("0 readable images"), none.getCancelReason());

        Path root = pairs("mismatch", 2);
        Files.move(root.resolve("clean").resolve("img1.tif"), root.resolve("clean").resolve("other.tif"));
        Ran mismatch = run(TrainGanCommand.class, training(root, "x", 2, null));
        assertTrue(mismatch.getCancelReason().contains("Input and target folders have different file names"),
                mismatch.getCancelReason());

        Map<String, Object> styleFromPairs = training(pairs("pairs2", 2), "x", 2, null);
        styleFromPairs.put("task", "style");
        Ran style = run(TrainGanCommand.class, styleFromPairs);
        assertTrue(style.getCancelReason().contains("two unpaired folders"), style.getCancelReason());
    }

    @Test
    void trainGanLearnsSynthesisFromLabelAndImageFolders() throws Exception {
        Path scenes = dir.resolve("scenes");
        LabelScenes.write(scenes, 3, 72);
        Map<String, Object> inputs = synthesis(scenes, "classes", false);
        Ran ran = run(TrainGanCommand.class, inputs);
        assertFalse(ran.isCanceled(), ran.getCancelReason());
        try (LoadedModel loaded = ModelPackage.load(Path.of((String) ran.getOutput("model")), Device.cpu())) {
            assertEquals(ModelTask.SYNTHESIS, loaded.descriptor().task());
            SpadeSpec spade = (SpadeSpec) loaded.descriptor().generator();
            assertFalse(spade.instances());
            assertEquals(3, spade.classes(), "classes 0, 1 and 2 of the label images");
        }
        GanConfig config = Checkpoint.open(dir.resolve("work").resolve("classes-last.zip")).config();
        assertEquals(AdversarialLoss.HINGE, config.losses().adversarialLoss(), "SPADE's loss, whatever the dialog");
        assertEquals(0f, config.losses().reconstructionWeight());

        Path nuclei = dir.resolve("nuclei");
        LabelledDataset.write(nuclei, NucleiPhantom.typical(72, 72), new PoissonGaussianNoise(2, 0.5), 3, 1,
                TaskMonitor.NONE);
        Ran instances = run(TrainGanCommand.class, synthesis(nuclei, "nuclei", true));
        assertFalse(instances.isCanceled(), instances.getCancelReason());
        try (LoadedModel loaded = ModelPackage.load(Path.of((String) instances.getOutput("model")), Device.cpu())) {
            assertTrue(((SpadeSpec) loaded.descriptor().generator()).instances());
        }

        Map<String, Object> small = synthesis(scenes, "small", false);
        small.put("patch", 32);
        Ran refused = run(TrainGanCommand.class, small);
        assertTrue(refused.getCancelReason().contains("too small for synthesis"), refused.getCancelReason());
    }

    /** Two steps of synthesis from {@code root/labels} and {@code root/images}, the GAN switch left off. */
    private Map<String, Object> synthesis(Path root, String name, boolean instances) {
        Map<String, Object> map = training(root, name, 2, null);
        map.put("task", "synthesis");
        map.put("firstFolder", root.resolve("labels").toFile());
        map.put("secondFolder", root.resolve("images").toFile());
        map.put("instanceLabels", instances);
        map.put("adversarial", false);
        map.put("adversarialLoss", "lsgan");
        map.put("reconstructionLoss", "l1");
        map.put("patch", 64);
        return map;
    }
}
