package io.github.imagejgan.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import io.github.imagejgan.TestModels;
import io.github.imagejgan.interop.NpyArray;
import io.github.imagejgan.interop.NpzWeights;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.InpaintingSpec;
import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.UNetSpec;
import io.github.imagejgan.testing.PythonWithTorch;

/**
 * The way a denoiser or an inpainting network is trained on a GPU machine without Java and comes back
 * (scripts/training/gpu_denoise.py or gpu_inpaint.py, then {@link ExternalWeights}): the script reads a package's DJL
 * weights exactly, trains them, and the imported package holds exactly the weights it wrote. Runs the script with a
 * Python that has PyTorch (as the export tests do), on the CPU, a few steps of a tiny network.
 */
class GpuTrainerRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void weightsTrainedInPythonComeBackExactly() throws Exception {
        roundTrip("scripts/training/gpu_denoise.py", "denoise-test", new UNetSpec(1, 1, 2, 4, true, false, false),
                ModelTask.DENOISE);
    }

    /** The inpainting network (image and mask in, thin-plate fill, gated U-Net) on 96-pixel patches with holes. */
    @Test
    void inpaintingWeightsTrainedInPythonComeBackExactly() throws Exception {
        roundTrip("scripts/training/gpu_inpaint.py", "inpaint-test", new InpaintingSpec(1, 2, 4), ModelTask.INPAINT);
    }

    private void roundTrip(String script, String name, NetworkSpec spec, ModelTask task) throws Exception {
        Path start = TestModels.randomized(dir.resolve("start.zip"), name, spec, task, 32);
        Path content = Files.createDirectories(dir.resolve("content"));
        Random random = new Random(3);
        for (int i = 0; i < 3; i++) {
            float[] values = new float[128 * 128];
            for (int k = 0; k < values.length; k++) {
                values[k] = (k % 128) * 6 + 200 * random.nextFloat();
            }
            Files.write(content.resolve("image" + i + ".npy"), new NpyArray(new long[] { 128, 128 }, values)
                    .toBytes());
        }
        Path pack = dir.resolve("pack.npz");
        python(script, "pack", content.toString(), pack.toString(), "--crop", "96", "--budget-mb", "1");

        // No steps: the weights written are those read from the package's DJL parameters.
        python(script, "train", pack.toString(), start.toString(), dir.resolve("read").toString(), "--minutes", "0");
        Map<String, NpyArray> original = NpzWeights.arrays(weightsOf(start));
        assertSame(original, NpzWeights.arrays(Files.readAllBytes(dir.resolve("read/weights.npz"))));

        python(script, "train", pack.toString(), start.toString(), dir.resolve("run").toString(), "--steps", "3",
                "--batch", "2", "--lr", "1e-2");
        Path trained = dir.resolve("run/weights.npz");
        Path imported = dir.resolve("imported.zip");
        ExternalWeights.main(new String[] { "import", start.toString(), trained.toString(),
                dir.resolve("run/run.json").toString(), imported.toString() });

        Map<String, NpyArray> written = NpzWeights.arrays(Files.readAllBytes(trained));
        assertSame(written, NpzWeights.arrays(weightsOf(imported)));
        assertTrue(!Arrays.equals(written.get("p0000.npy").values(), original.get("p0000.npy").values()),
                "three steps at 1e-2 move the first layer");
        ModelDescriptor d = ModelPackage.describe(imported);
        assertEquals(spec, d.generator());
        assertEquals(task, d.task());
        assertEquals(3, d.provenance().steps());
        assertTrue(d.provenance().startedFrom().startsWith(name + " (start.zip"), d.provenance().startedFrom());
        assertTrue(d.provenance().software().contains(Path.of(script).getFileName().toString()),
                d.provenance().software());
    }

    private static void assertSame(Map<String, NpyArray> expected, Map<String, NpyArray> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, array) -> {
            assertArrayEquals(array.shape(), actual.get(name).shape(), name);
            assertArrayEquals(array.values(), actual.get(name).values(), 0f, name);
        });
    }

    private static byte[] weightsOf(Path pkg) throws IOException {
        try (LoadedModel model = ModelPackage.load(pkg, Device.cpu())) {
            return NpzWeights.write(model.generator());
        }
    }

    private static void python(String script, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PythonWithTorch.interpreter(), script));
        command.addAll(List.of(arguments));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed:\n" + out);
        }
    }
}
