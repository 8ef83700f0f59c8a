package io.github.imagejgan.interop.torchscript;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.github.imagejgan.image.DeviceSelector;
import io.github.imagejgan.interop.ExportException;
import io.github.imagejgan.interop.ExportOptions;
import io.github.imagejgan.interop.NpyArray;
import io.github.imagejgan.interop.NpzWeights;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.GradientMode;
import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.SpadeSpec;
import io.github.imagejgan.nn.TorchScriptNetwork;
import io.github.imagejgan.nn.TorchScriptSpec;

/**
 * Produces the TorchScript module of a model package's generator. An imported network already is one and is passed
 * on as it is. A network built here is rebuilt in PyTorch by {@code export_torchscript.py} (run with Python, see
 * {@link PythonTorch}) from model.json and the generator's weights, which this class dumps in NumPy's {@code .npz}
 * format in DJL's parameter order. Two checks guard the result: the script compares PyTorch's output on a seeded test
 * batch with imagej-gan's before it saves anything, and the saved module is loaded back here and compared again.
 */
public final class TorchScriptExporter {

    private static final String SCRIPT = "export_torchscript.py";
    private static final Pattern VERSION = Pattern.compile("\"pytorch\":\\s*\"([^\"]+)\"");
    private static final Pattern DIFFERENCE = Pattern.compile("\"max_difference\":\\s*([0-9.eE+-]+)");

    private TorchScriptExporter() {
    }

    /**
     * A module and how it was checked.
     *
     * @param module             the TorchScript file's bytes
     * @param spec               the module as a network of the image path (NCHW in and out)
     * @param pytorchVersion     the PyTorch version that saved it (or, for an imported module of unknown origin,
     *                           the one that loaded and checked it)
     * @param pythonDifference   largest difference between PyTorch in Python and imagej-gan on the test batch; 0 if
     *                           the module was passed on unchanged
     * @param reloadedDifference largest difference between the module loaded back here and imagej-gan
     */
    public record Module(byte[] module, TorchScriptSpec spec, String pytorchVersion, double pythonDifference,
            double reloadedDifference) {
    }

    /** The module as imagej-gan calls it: one input tensor, an inpainting mask as its last channel. */
    public static Module export(ModelPackage pkg, ExportOptions options) throws IOException {
        return export(pkg, options, false);
    }

    /**
     * @param maskApart for an inpainting model, a module that takes the image and the mask as two tensors (as
     *                  bioimage.io passes several inputs)
     * @throws ExportException if {@code maskApart} is asked of an imported module that takes them as one tensor
     */
    public static Module export(ModelPackage pkg, ExportOptions options, boolean maskApart) throws IOException {
        ModelDescriptor d = pkg.descriptor();
        NetworkSpec generator = d.generator();
        if (generator instanceof TorchScriptSpec spec) {
            if (maskApart && !spec.maskInput()) {
                throw new ExportException("This imported inpainting module takes the image and its mask as one "
                        + "tensor; a module that takes them as two can only be rebuilt from a network trained here. "
                        + "Export it to TorchScript instead.");
            }
            return new Module(pkg.entry(ModelPackage.TORCHSCRIPT), spec, recordedVersion(d), 0, 0);
        }
        PythonTorch python = PythonTorch.locate(options.python());
        TorchScriptSpec nchw = TorchScriptSpec.nchw(generator.inputChannels(), generator.outputChannels(),
                generator.scale(), generator.divisor(), generator.receptiveFieldRadius(),
                generator.usesWholeInputStatistics());
        TorchScriptSpec spec = maskApart ? nchw.withMaskInput() : nchw;
        Path folder = Files.createTempDirectory("imagej-gan-export");
        try (LoadedModel model = pkg.load(Device.cpu())) {
            GradientMode.disableOnThisThread();
            NpyArray input = testBatch(d);
            NpyArray expected = run(model.generator(), input, model.manager());
            Files.write(folder.resolve("model.json"), pkg.entry(ModelPackage.DESCRIPTOR));
            Files.write(folder.resolve("weights.npz"), NpzWeights.write(model.generator()));
            Files.write(folder.resolve("input.npy"), input.toBytes());
            Files.write(folder.resolve("expected.npy"), expected.toBytes());
            Path script = folder.resolve(SCRIPT);
            try (InputStream in = TorchScriptExporter.class.getResourceAsStream(SCRIPT)) {
                Files.write(script, in.readAllBytes());
            }
            List<String> arguments = new ArrayList<>(List.of("model.json", "weights.npz", "input.npy",
                    "expected.npy", "model.pt"));
            if (maskApart) {
                arguments.add("--mask-apart");
            }
            String report = python.runScript(script, arguments, folder);
            byte[] module = Files.readAllBytes(folder.resolve("model.pt"));
            double reloaded = reloadedDifference(module, spec, input, expected);
            double tolerance = 1e-4 * Math.max(1, maxAbs(expected.values()));
            if (!(reloaded <= tolerance)) {
                throw new ExportException("The exported TorchScript module, loaded back, differs from the model by "
                        + reloaded + "; nothing was written.");
            }
            Matcher version = VERSION.matcher(report);
            Matcher difference = DIFFERENCE.matcher(report);
            return new Module(module, spec, version.find() ? version.group(1) : python.torchVersion(),
                    difference.find() ? Double.parseDouble(difference.group(1)) : Double.NaN, reloaded);
        } finally {
            deleteTree(folder);
        }
    }

    /** The PyTorch version an imported module's provenance records, else the one that runs it here. */
    private static String recordedVersion(ModelDescriptor d) {
        Matcher m = Pattern.compile("PyTorch (\\d+\\.\\d+(\\.\\d+)?)").matcher(d.provenance().software());
        return m.find() ? m.group(1) : TorchScriptNetwork.pytorchVersion();
    }

    /**
     * A seeded batch of one image in the network's range, big enough for its pooling; an inpainting model gets a
     * 0/1 mask as its last channel, a synthesis model label ids and then noise.
     */
    static NpyArray testBatch(ModelDescriptor d) {
        int divisor = d.generator().divisor();
        int size = Math.max(64, 2 * divisor);
        size = (size + divisor - 1) / divisor * divisor;
        int channels = d.inputChannels();
        float[] values = new float[channels * size * size];
        Random random = new Random(7);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        if (d.task() == ModelTask.INPAINT) {
            int mask = (channels - 1) * size * size;
            for (int i = mask; i < values.length; i++) {
                values[i] = values[i] > 0.7f ? 1f : 0f;
            }
        }
        if (d.generator() instanceof SpadeSpec spade) {
            // Label ids in blocks of 8 x 8 pixels (so that there are boundaries and insides), then unit noise.
            int ids = spade.instances() ? 6 : spade.classes();
            int[] blockIds = new int[(size / 8 + 1) * (size / 8 + 1)];
            for (int i = 0; i < blockIds.length; i++) {
                blockIds[i] = random.nextInt(ids);
            }
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    values[y * size + x] = blockIds[y / 8 * (size / 8 + 1) + x / 8];
                    values[size * size + y * size + x] = (float) random.nextGaussian();
                }
            }
        }
        return new NpyArray(new long[] { 1, channels, size, size }, values);
    }

    private static NpyArray run(Block network, NpyArray input, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(input.values(), new Shape(input.shape()));
            NDArray y = network.forward(new ParameterStore(scope, false), new NDList(x), false).singletonOrThrow();
            return new NpyArray(y.getShape().getShape(), y.toFloatArray());
        }
    }

    private static double reloadedDifference(byte[] module, TorchScriptSpec spec, NpyArray input, NpyArray expected) {
        try (NDManager manager = DeviceSelector.newManager(Device.cpu())) {
            TorchScriptNetwork network;
            try {
                network = TorchScriptNetwork.load(module, spec, manager);
            } catch (IllegalArgumentException e) {
                throw new ExportException("PyTorch " + TorchScriptNetwork.pytorchVersion() + " cannot load the module "
                        + "that Python saved: " + e.getMessage(), e);
            }
            NpyArray actual = run(network, input, manager);
            if (!Arrays.equals(actual.shape(), expected.shape())) {
                return Double.POSITIVE_INFINITY;
            }
            double max = 0;
            for (int i = 0; i < actual.size(); i++) {
                max = Math.max(max, Math.abs(actual.values()[i] - expected.values()[i]));
            }
            return max;
        }
    }

    private static double maxAbs(float[] values) {
        double max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
