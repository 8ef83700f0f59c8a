package io.github.imagejgan.interop.torchscript;

import static io.github.imagejgan.interop.InteropResources.maxDifference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import io.github.imagejgan.interop.ImportOptions;
import io.github.imagejgan.interop.ImportResult;
import io.github.imagejgan.interop.InteropResources;
import io.github.imagejgan.interop.ModelImporter;
import io.github.imagejgan.interop.NpyArray;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelFormatException;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.TorchScriptSpec;
import io.github.imagejgan.predict.PredictionOptions;
import io.github.imagejgan.predict.Predictor;
import io.github.imagejgan.task.TaskMonitor;

/** TorchScript files saved by PyTorch 1.13 in Python, imported and run by PyTorch 2.7.1 through DJL. */
class TorchScriptImportTest {

    @TempDir
    Path dir;

    private static float[] forward(LoadedModel model, NpyArray input) {
        try (NDManager manager = NDManager.newBaseManager()) {
            var x = manager.create(input.values(), new Shape(input.shape()));
            return model.generator().forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow().toFloatArray();
        }
    }

    @Test
    void pix2pixGeneratorIsMeasuredAndReproducesPython() throws IOException {
        Path pt = InteropResources.copy("pix2pix-tiny.pt", dir);
        ImportResult result = ModelImporter.importTorchScript(pt, dir.resolve("pix2pix.zip"), ImportOptions.INFER);
        ModelDescriptor d = result.descriptor();
        TorchScriptSpec spec = (TorchScriptSpec) d.generator();
        assertEquals("pix2pix-tiny", d.name());
        assertEquals(ModelTask.DENOISE, d.task());
        assertEquals(1, spec.inputChannels());
        assertEquals(1, spec.outputChannels());
        assertEquals(1, spec.scale());
        assertEquals(4, spec.divisor(), "two stride-2 convolutions");
        assertFalse(spec.usesWholeInputStatistics(), "batch norm in eval mode is per pixel");
        assertTrue(spec.receptiveFieldRadius() >= 6 && spec.receptiveFieldRadius() <= 16,
                "radius " + spec.receptiveFieldRadius());
        assertEquals(spec.receptiveFieldRadius(), d.tiling().halo());
        assertTrue(result.notes().stream().anyMatch(n -> n.contains("size divisor 4")), result.notes().toString());

        NpyArray expected = InteropResources.npy("pix2pix-output.npy");
        try (LoadedModel model = ModelPackage.load(result.target(), Device.cpu())) {
            double diff = maxDifference(expected.values(), forward(model, InteropResources.npy("pix2pix-input.npy")));
            assertTrue(diff < 1e-5, "agreement with PyTorch in Python: " + diff);
        }
    }

    @Test
    void importedGeneratorRunsThroughThePredictorTiled() throws IOException {
        Path pt = InteropResources.copy("pix2pix-tiny.pt", dir);
        // Percentiles 0 and 100 of an image spanning exactly [0, 1] leave its values unchanged.
        ImportResult result = ModelImporter.importTorchScript(pt, dir.resolve("p.zip"), ImportOptions.INFER
                .withNormalization(new ModelDescriptor.Normalization(0, 100)).withTileSize(16));
        NpyArray input = InteropResources.npy("pix2pix-input.npy");
        NpyArray expected = InteropResources.npy("pix2pix-output.npy");
        int h = (int) input.shape()[2];
        int w = (int) input.shape()[3];
        ImagePlus image = new ImagePlus("cells.tif", new FloatProcessor(w, h, input.values().clone()));
        try (LoadedModel model = ModelPackage.load(result.target(), Device.cpu())) {
            // NB: the network alone (strength 1), as Python ran it; Denoise's default may mix in classical filters.
            ImagePlus out = new Predictor(model).predict(image, null, PredictionOptions.DEFAULT.withStrength(1),
                    TaskMonitor.NONE);
            float[] actual = (float[]) out.getProcessor().getPixels();
            int halo = result.descriptor().tiling().halo();
            double diff = 0;
            int compared = 0;
            // Python ran the whole image with zero padding; tiles mirror the image at its borders, so only pixels
            // whose receptive field lies inside the image must agree.
            for (int y = halo; y < h - halo; y++) {
                for (int x = halo; x < w - halo; x++) {
                    diff = Math.max(diff, Math.abs(actual[y * w + x] - expected.values()[y * w + x]));
                    compared++;
                }
            }
            assertTrue(compared >= 200, "compared " + compared + " pixels");
            assertTrue(diff < 1e-5, "tiled prediction against PyTorch in Python: " + diff);
        }
    }

    @Test
    void superResolutionChannelsAndScaleAreMeasured() throws IOException {
        Path pt = InteropResources.copy("sr-rgb-x2.pt", dir);
        ImportResult result = ModelImporter.importTorchScript(pt, dir.resolve("sr.zip"),
                ImportOptions.INFER.withName("rgb-sr", "x2 for RGB"));
        ModelDescriptor d = result.descriptor();
        assertEquals(ModelTask.SUPER_RESOLUTION, d.task());
        assertEquals(3, d.inputChannels());
        assertEquals(3, d.outputChannels());
        assertEquals(2, d.scale());
        assertEquals(1, d.generator().divisor());
        assertEquals(2, d.generator().receptiveFieldRadius(), "two 3x3 convolutions");
        try (LoadedModel model = ModelPackage.load(result.target(), Device.cpu())) {
            double diff = maxDifference(InteropResources.npy("sr-output.npy").values(),
                    forward(model, InteropResources.npy("sr-input.npy")));
            assertTrue(diff < 1e-5, "agreement with PyTorch in Python: " + diff);
        }
    }

    @Test
    void statedValuesAreCheckedAgainstTheModule() throws IOException {
        Path pt = InteropResources.copy("sr-rgb-x2.pt", dir);
        ModelFormatException wrongScale = assertThrows(ModelFormatException.class, () -> ModelImporter
                .importTorchScript(pt, dir.resolve("a.zip"), ImportOptions.INFER.withScale(4)));
        assertTrue(wrongScale.getMessage().contains("scale 2, but 4 was stated"), wrongScale.getMessage());
        ModelFormatException wrongChannels = assertThrows(ModelFormatException.class, () -> ModelImporter
                .importTorchScript(pt, dir.resolve("b.zip"), ImportOptions.INFER.withChannels(1, 0)));
        assertTrue(wrongChannels.getMessage().contains("1 channel"), wrongChannels.getMessage());
        assertFalse(Files.exists(dir.resolve("a.zip")) || Files.exists(dir.resolve("b.zip")));
        ModelFormatException wrongTask = assertThrows(ModelFormatException.class, () -> ModelImporter
                .importTorchScript(pt, dir.resolve("c.zip"), ImportOptions.INFER.withTask(ModelTask.DENOISE)));
        assertTrue(wrongTask.getMessage().contains("scale 2"), wrongTask.getMessage());
    }

    @Test
    void filesThatAreNoTorchScriptAreRejected() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.pt"), "not a module");
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelImporter.importTorchScript(junk, dir.resolve("j.zip"), ImportOptions.INFER));
        assertTrue(e.getMessage().contains("Not a TorchScript module"), e.getMessage());
        byte[] module = InteropResources.bytes("pix2pix-tiny.pt");
        Path cut = Files.write(dir.resolve("cut.pt"), java.util.Arrays.copyOf(module, module.length / 2));
        assertThrows(ModelFormatException.class,
                () -> ModelImporter.importTorchScript(cut, dir.resolve("k.zip"), ImportOptions.INFER));
        assertThrows(IOException.class,
                () -> ModelImporter.importTorchScript(dir.resolve("none.pt"), dir.resolve("l.zip"), null));
    }

    @Test
    void aPackageWhoseModuleIsCorruptFailsToLoadWithItsName() throws IOException {
        Path pt = InteropResources.copy("sr-rgb-x2.pt", dir);
        ImportResult good = ModelImporter.importTorchScript(pt, dir.resolve("good.zip"), ImportOptions.INFER);
        Path broken = dir.resolve("broken.zip");
        ModelPackage.writeTorchScript(broken, good.descriptor(), new byte[] { 1, 2, 3 });
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelPackage.load(broken, Device.cpu()));
        assertTrue(e.getMessage().contains("model.pt") && e.getMessage().contains("Not a TorchScript module"),
                e.getMessage());
    }
}
