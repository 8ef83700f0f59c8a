package io.github.imagejgan.interop.bioimageio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.imagejgan.interop.InteropResources;
import io.github.imagejgan.interop.NpyArray;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.nn.GradientMode;
import io.github.imagejgan.testing.PythonWithTorch;

/**
 * Runs an exported model's test tensors outside the export that wrote them, each run compared with the archive's
 * test output: the TorchScript weights in Python, called the way bioimage.io tools call them (NumPy percentiles for
 * {@code scale_range}, each input a tensor of its own), and the imagej-gan package the export came from, in Java on
 * the same normalized tensors. Both assume the layout of models trained here (NCHW) and {@code scale_range} over the
 * whole image as the only preprocessing.
 */
final class TestTensorRuns {

    /** NumPy and PyTorch; bioimage.io's {@code scale_range} divides by the range plus eps. */
    private static final String SCRIPT = """
            import io, sys, zipfile
            import numpy as np
            import torch
            archive, low, high, eps = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
            with zipfile.ZipFile(archive) as z:
                inputs = [np.load(io.BytesIO(z.read(name))) for name in sys.argv[5:]]
                expected = np.load(io.BytesIO(z.read("test_output.npy")))
                module = torch.jit.load(io.BytesIO(z.read("weights.pt")))
            lo, hi = np.percentile(inputs[0], [low, high])
            inputs[0] = (inputs[0] - lo) / (hi - lo + eps)
            with torch.no_grad():
                out = module(*[torch.from_numpy(np.ascontiguousarray(a, dtype=np.float32)) for a in inputs]).numpy()
            print(float(np.abs(out - expected).max()) if out.shape == expected.shape else float("inf"))
            """;

    private TestTensorRuns() {
    }

    /**
     * @param inputs the test files of the inputs, the image's first
     * @return the largest difference to the test output
     */
    static double python(Path archive, double lowPercentile, double highPercentile, double eps, String... inputs)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("test-tensors", ".py");
        try {
            Files.writeString(script, SCRIPT);
            List<String> command = new ArrayList<>(List.of(PythonWithTorch.interpreter(), script.toString(),
                    archive.toString(), String.valueOf(lowPercentile), String.valueOf(highPercentile),
                    String.valueOf(eps)));
            command.addAll(Arrays.asList(inputs));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("Python failed: " + out);
            }
            return Double.parseDouble(out.lines().reduce((a, b) -> b).orElseThrow());
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /**
     * The package's own network on the archive's test input, normalized as bioimage.io does, with the mask (if
     * given) as its last channel.
     *
     * @param mask the mask's test file, or null
     * @return the largest difference to the test output
     */
    static double java(Path modelPackage, BioimageIoZip archive, double lowPercentile, double highPercentile,
            double eps, String mask) throws IOException {
        NpyArray image = read(archive, "test_input.npy");
        NpyArray expected = read(archive, "test_output.npy");
        float[] values = image.values();
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        double lo = percentile(sorted, lowPercentile);
        double hi = percentile(sorted, highPercentile);
        long[] shape = image.shape().clone();
        float[] batch = Arrays.copyOf(values, mask == null ? values.length : 2 * values.length);
        for (int i = 0; i < values.length; i++) {
            batch[i] = (float) ((values[i] - lo) / (hi - lo + eps));
        }
        if (mask != null) {
            System.arraycopy(read(archive, mask).values(), 0, batch, values.length, values.length);
            shape[1] = 2;
        }
        try (LoadedModel model = ModelPackage.load(modelPackage, Device.cpu());
                NDManager scope = model.manager().newSubManager()) {
            GradientMode.disableOnThisThread();
            NDArray x = scope.create(batch, new Shape(shape));
            NDArray y = model.generator().forward(new ParameterStore(scope, false), new NDList(x), false)
                    .singletonOrThrow();
            return InteropResources.maxDifference(y.toFloatArray(), expected.values());
        }
    }

    /** NumPy's default percentile: linear between the two nearest ranks. */
    private static double percentile(float[] sorted, double percent) {
        double position = percent / 100 * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static NpyArray read(BioimageIoZip archive, String file) throws IOException {
        return NpyArray.read(archive.read(file, BioimageIoZip.MAX_TENSOR_BYTES), file);
    }
}
