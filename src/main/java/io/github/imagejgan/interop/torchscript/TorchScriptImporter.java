package io.github.imagejgan.interop.torchscript;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.github.imagejgan.image.DeviceSelector;
import io.github.imagejgan.interop.ImportOptions;
import io.github.imagejgan.interop.ImportResult;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelFormatException;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.GradientMode;
import io.github.imagejgan.nn.NetworkProbe;
import io.github.imagejgan.nn.TorchScriptNetwork;
import io.github.imagejgan.nn.TorchScriptSpec;

/**
 * Wraps a TorchScript file ({@code torch.jit.save} of a scripted or traced generator with NCHW float input and output)
 * into a model package. Whatever the user does not state is measured by running the module on test inputs.
 */
public final class TorchScriptImporter {

    /** Larger than any generator, small enough to read into memory. */
    static final long MAX_MODULE_BYTES = 1L << 30;
    private static final int DEFAULT_TILE = 256;
    private static final int MAX_DIVISOR = 256;
    /** Blend band for networks whose tiles differ slightly (whole-input statistics). */
    private static final int GLOBAL_OVERLAP = 32;

    private TorchScriptImporter() {
    }

    public static ImportResult importFile(Path file, Path target, ImportOptions options) throws IOException {
        byte[] module = readModule(file);
        List<String> notes = new ArrayList<>();
        TorchScriptSpec spec;
        try (NDManager manager = DeviceSelector.newManager(Device.cpu())) {
            GradientMode.disableOnThisThread();
            Block block;
            try {
                block = TorchScriptNetwork.loadModule(module, manager);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(file.getFileName() + ": " + e.getMessage(), e);
            }
            spec = describe(new NetworkProbe(block, manager), options, notes);
        }
        ModelTask task = options.task() != null ? options.task()
                : spec.scale() > 1 ? ModelTask.SUPER_RESOLUTION : ModelTask.DENOISE;
        if (options.task() == null) {
            notes.add("Task " + task.id() + " (from the scale factor " + spec.scale() + "); state another if the "
                    + "network does something else.");
        }
        String base = file.getFileName().toString().replaceFirst("\\.(pt|pth|torchscript)$", "");
        String name = options.name() != null && !options.name().isBlank() ? options.name() : base;
        String description = options.description() != null ? options.description()
                : "TorchScript network imported from " + file.getFileName() + ".";
        int tile = options.tileSize() > 0 ? options.tileSize() : DEFAULT_TILE;
        ModelDescriptor descriptor = new ModelDescriptor(name, description, task, spec, options.normalization(),
                new ModelDescriptor.Tiling(tile, spec.receptiveFieldRadius(),
                        spec.usesWholeInputStatistics() ? GLOBAL_OVERLAP : 0),
                new ModelDescriptor.Provenance("imported from " + file.getFileName(), Map.of(), 0, 0, 0,
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                        "TorchScript module, imported by imagej-gan with PyTorch "
                                + TorchScriptNetwork.pytorchVersion()),
                Map.of());
        ModelPackage.writeTorchScript(target, descriptor, module);
        return new ImportResult(target, descriptor, notes);
    }

    private static byte[] readModule(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("No such TorchScript file: " + file);
        }
        if (Files.size(file) > MAX_MODULE_BYTES) {
            throw new ModelFormatException(file.getFileName() + " is larger than " + MAX_MODULE_BYTES
                    + " bytes; that is not a generator this plugin can run.");
        }
        return Files.readAllBytes(file);
    }

    /** The spec from the options, measuring what they leave open; checks what they state. */
    private static TorchScriptSpec describe(NetworkProbe probe, ImportOptions options, List<String> notes) {
        NetworkProbe.Geometry geometry;
        try {
            geometry = probe.geometry(options.inputChannels());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("Cannot run the TorchScript module: " + e.getMessage() + ". It must "
                    + "take one NCHW float tensor (batch, channels, height, width) and return one.", e);
        }
        if (options.inputChannels() == 0) {
            notes.add("Measured " + geometry.inputChannels() + " input channel" + plural(geometry.inputChannels())
                    + ", " + geometry.outputChannels() + " output channel" + plural(geometry.outputChannels())
                    + " and scale " + geometry.scale() + " by running the network on test inputs.");
        }
        check("output channels", options.outputChannels(), geometry.outputChannels());
        check("scale", options.scale(), geometry.scale());
        int divisor = options.divisor();
        if (divisor == 0) {
            try {
                divisor = probe.divisor(geometry, MAX_DIVISOR);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException("Cannot find the input sizes the TorchScript module accepts: "
                        + e.getMessage() + " State the size divisor.", e);
            }
            notes.add("Measured the size divisor " + divisor + " (tile sizes are multiples of it).");
        }
        int halo = options.halo();
        boolean global = false;
        if (halo < 0) {
            int size = Math.max(128, 2 * divisor);
            size = (size + divisor - 1) / divisor * divisor;
            NetworkProbe.Reach reach = probe.reach(geometry, size, divisor);
            halo = reach.radius();
            global = reach.global();
            notes.add(global
                    ? "Every output pixel changed when one input pixel did: the network uses statistics of its "
                            + "whole input (e.g. instance normalization) or sees farther than " + reach.radius()
                            + " pixels. Tiles get a halo of " + halo + " and are blended over " + GLOBAL_OVERLAP
                            + " pixels; use a large tile size to keep them close to a whole-image run."
                    : "Measured a receptive-field radius of " + halo + " pixels; tiles get that halo, so tiled "
                            + "results equal whole-image results.");
        }
        return TorchScriptSpec.nchw(geometry.inputChannels(), geometry.outputChannels(), geometry.scale(), divisor,
                halo, global);
    }

    private static void check(String what, int stated, int measured) {
        if (stated > 0 && stated != measured) {
            throw new ModelFormatException("The TorchScript module has " + what + " " + measured + ", but " + stated
                    + " was stated. Correct the import options.");
        }
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }
}
