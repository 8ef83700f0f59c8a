package io.github.imagejgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import io.github.imagejgan.TestModels;
import io.github.imagejgan.cli.CliTest.Result;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.ResidualDenoiserSpec;
import io.github.imagejgan.nn.SpadeSpec;
import io.github.imagejgan.testing.LabelScenes;

class SynthesizeCliTest {

    @TempDir
    Path dir;

    @BeforeEach
    void models() throws IOException {
        TestModels.ModelFolders folders = TestModels.useModelFolders(dir);
        TestModels.passThrough(folders.shipped().resolve("denoise-test.zip"), "denoise-test",
                new ResidualDenoiserSpec(1, 4, 2), ModelTask.DENOISE, 64, false);
    }

    @AfterEach
    void forget() {
        TestModels.forgetModelFolders();
    }

    @Test
    void trainsASynthesisModelAndSynthesizesSamplesFromLabels() throws IOException {
        LabelScenes.write(dir, 2, 72);
        Path model = dir.resolve("synth.zip");
        Result trained = CliTest.cli("train", "--task", "synthesis", "--labels", dir.resolve("labels").toString(),
                "--images", dir.resolve("images").toString(), "--out", model.toString(), "--steps", "2", "--patch",
                "64", "--batch", "1", "--features", "4", "--depth", "2", "--d-features", "4", "--validation", "0");
        assertEquals(0, trained.code(), trained.err() + trained.out());
        var descriptor = ModelPackage.open(model).descriptor();
        assertEquals(ModelTask.SYNTHESIS, descriptor.task());
        assertEquals(new SpadeSpec(3, false, 1, 4, 2), descriptor.generator());
        Path out = dir.resolve("out");
        Result made = CliTest.cli("synthesize", "--model", model.toString(), "--samples", "2", "--seed", "3",
                "--out", out.toString(), dir.resolve("labels").resolve("scene-0.tif").toString());
        assertEquals(0, made.code(), made.err());
        ImagePlus samples = ImageFiles.open(out.resolve("scene-0.tif"));
        assertEquals(72, samples.getWidth());
        assertEquals(72, samples.getHeight());
        assertEquals(2, samples.getStackSize(), "one slice per sample");
        assertEquals(32, samples.getBitDepth());
        float[] first = (float[]) samples.getStack().getPixels(1);
        float[] second = (float[]) samples.getStack().getPixels(2);
        double difference = 0;
        for (int i = 0; i < first.length; i++) {
            difference += Math.abs(first[i] - second[i]);
        }
        assertTrue(difference > 0, "two seeds, two images");
        // Bad inputs: a grey-value image is no label image; a denoising model is no synthesis model.
        FloatProcessor grey = new FloatProcessor(72, 72);
        grey.setf(3, 4, 2.5f);
        Path notLabels = dir.resolve("grey.tif");
        IJ.saveAsTiff(new ImagePlus("grey", grey), notLabels.toString());
        Result refused = CliTest.cli("synthesize", "--model", model.toString(), "--out", out.toString(),
                notLabels.toString());
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("not a label image: it has the value 2.5 at (3, 4)"), refused.err());
        Result wrongModel = CliTest.cli("synthesize", "--model", "denoise-test", "--out", dir.resolve("out2")
                .toString(), dir.resolve("labels").resolve("scene-1.tif").toString());
        assertEquals(1, wrongModel.code());
        assertTrue(wrongModel.err().contains("synthesis"), wrongModel.err());
        assertTrue(Files.notExists(dir.resolve("out2").resolve("scene-1.tif")));
    }

    /** Training data from a model: the phantom's scenes as labels, each painted by the model with its own noise. */
    @Test
    void writesLabelImagePairsFromThePhantomsScenesPaintedByTheModel() throws IOException {
        Path model = dir.resolve("nuclei.zip");
        TestModels.untrainedSynthesis(model, "nuclei", new SpadeSpec(2, true, 1, 4, 2), 32);
        Path data = dir.resolve("data");
        Result made = CliTest.cli("synthesize", "--model", model.toString(), "--phantom", "nuclei", "--count", "3",
                "--size", "64x48", "--seed", "4", "--out", data.toString());
        assertEquals(0, made.code(), made.err() + made.out());
        assertTrue(made.out().contains("3 label/image pairs"), made.out());
        float[] previous = null;
        for (String name : new String[] { "000.tif", "001.tif", "002.tif" }) {
            ImagePlus labels = ImageFiles.open(data.resolve("labels").resolve(name));
            ImagePlus image = ImageFiles.open(data.resolve("images").resolve(name));
            assertEquals(16, labels.getBitDepth());
            assertEquals(64, image.getWidth());
            assertEquals(48, image.getHeight());
            assertTrue(labels.getStatistics().max >= 1, "objects in scene " + name);
            float[] pixels = (float[]) image.getProcessor().convertToFloatProcessor().getPixels();
            if (previous != null) {
                assertTrue(!java.util.Arrays.equals(previous, pixels), "each pair its own scene and noise");
            }
            previous = pixels;
        }
        assertTrue(Files.readString(data.resolve("dataset.json")).contains("synthesized by model 'nuclei'"));
        Result unknown = CliTest.cli("synthesize", "--model", model.toString(), "--phantom", "ct", "--count", "1",
                "--out", dir.resolve("data2").toString());
        assertTrue(unknown.code() != 0, "an unlabelled phantom is refused");
        assertTrue(unknown.err().contains("does not know its labels"), unknown.err());
    }
}
