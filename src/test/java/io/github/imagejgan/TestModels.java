package io.github.imagejgan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.imagejgan.model.DeclaredProcessing;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.model.ProcessingStep;
import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.Networks;
import io.github.imagejgan.nn.ResidualDenoiserSpec;
import io.github.imagejgan.nn.SpadeSpec;
import io.github.imagejgan.nn.UNet3dSpec;
import io.github.imagejgan.nn.UNetSpec;

/** Small model packages with known behaviour, for tests of everything that runs models. */
public final class TestModels {

    private static final String SHIPPED = "imagejgan.shipped.models";
    private static final String USER = "imagejgan.user.models";

    /** Folders of shipped and user models that the model registry uses while a test runs. */
    public record ModelFolders(Path shipped, Path user) {
    }

    private TestModels() {
    }

    /** Creates {@code dir/shipped} and {@code dir/user} and points the model registry at them. */
    public static ModelFolders useModelFolders(Path dir) throws IOException {
        ModelFolders folders = new ModelFolders(Files.createDirectories(dir.resolve("shipped")),
                Files.createDirectories(dir.resolve("user")));
        System.setProperty(SHIPPED, folders.shipped().toString());
        System.setProperty(USER, folders.user().toString());
        return folders;
    }

    /** Model folders under {@code dir} whose shipped folder holds {@code denoise-test}, a pass-through denoiser. */
    public static ModelFolders useDenoiseTestModel(Path dir) throws IOException {
        ModelFolders folders = useModelFolders(dir);
        passThrough(folders.shipped().resolve("denoise-test.zip"), "denoise-test", new ResidualDenoiserSpec(1, 4, 2),
                ModelTask.DENOISE, 64, false);
        return folders;
    }

    /** Points the model registry back at its default folders. */
    public static void forgetModelFolders() {
        System.clearProperty(SHIPPED);
        System.clearProperty(USER);
    }

    /**
     * A package whose network does nothing beyond its skip connection (all weights zero): denoisers and style
     * models return their input, super-resolution returns nearest upsampling, inpainting fills holes with the
     * normalized zero. With {@code reverse}, the package also holds a reverse generator (style models).
     */
    public static Path passThrough(Path file, String name, NetworkSpec spec, ModelTask task, int tile,
            boolean reverse) throws IOException {
        return passThrough(file, name, spec, task, new ModelDescriptor.Tiling(tile, spec.receptiveFieldRadius(), 4),
                reverse);
    }

    /**
     * A pass-through 2.5D denoiser: a residual U-Net that sees each slice with {@code sliceHalo} neighbours on each
     * side and returns the slice itself.
     */
    public static Path passThroughSlices(Path file, String name, int sliceHalo, int tile) throws IOException {
        UNetSpec spec = new UNetSpec(2 * sliceHalo + 1, 1, 2, 4, true, false, false);
        return passThrough(file, name, spec, ModelTask.DENOISE, new ModelDescriptor.Tiling(tile,
                spec.receptiveFieldRadius(), 4).withSliceHalo(sliceHalo), false);
    }

    /**
     * A pass-through volumetric denoiser: a residual 3D U-Net (zero weights) that sees each slice with
     * {@code sliceRadius} neighbours on each side and returns the slice itself.
     */
    public static Path passThroughVolumetric(Path file, String name, int sliceRadius, int tile) throws IOException {
        return volumetric(file, name, new UNet3dSpec(sliceRadius, 2, 4, true), tile, true);
    }

    /** An untrained volumetric denoiser with random weights drawn from seed 1. */
    public static Path untrainedVolumetric(Path file, String name, UNet3dSpec spec, int tile) throws IOException {
        return volumetric(file, name, spec, tile, false);
    }

    private static Path volumetric(Path file, String name, UNet3dSpec spec, int tile, boolean zero)
            throws IOException {
        return write(file, name, spec, ModelTask.DENOISE, new ModelDescriptor.Tiling(tile, spec.receptiveFieldRadius(),
                4).withSliceHalo(spec.sliceRadius()), false, zero);
    }

    /**
     * A pass-through isotropic-restoration model (a residual U-Net with zero weights) that records the slice spacing
     * {@code factor} it restores: isotropic restoration with it is linear interpolation along z.
     */
    public static Path passThroughIsotropic(Path file, String name, int factor, int tile) throws IOException {
        UNetSpec spec = new UNetSpec(1, 1, 2, 4, true, false, false);
        return write(file, name, spec, ModelTask.ISOTROPIC, new ModelDescriptor.Tiling(tile,
                spec.receptiveFieldRadius(), 4), false, true, new ModelDescriptor.Provenance("test", Map.of("type",
                        "axial", "factor", factor, "axialBlur", 0.0), 0, 1, 0, "", ""),
                ModelDescriptor.Normalization.DEFAULT);
    }

    /** A package of an untrained network with random weights drawn from seed 1: no symmetry of any kind. */
    public static Path untrained(Path file, String name, NetworkSpec spec, ModelTask task, int tile)
            throws IOException {
        return untrained(file, name, spec, task, tile, ModelDescriptor.Normalization.DEFAULT);
    }

    /** {@link #untrained(Path, String, NetworkSpec, ModelTask, int)} with the given normalization. */
    public static Path untrained(Path file, String name, NetworkSpec spec, ModelTask task, int tile,
            ModelDescriptor.Normalization normalization) throws IOException {
        return write(file, name, spec, task, new ModelDescriptor.Tiling(tile, spec.receptiveFieldRadius(), 4), false,
                false, null, normalization);
    }

    /**
     * A package of a network whose every weight is moved by random values (normal, standard deviation 0.05, seed 1):
     * unlike {@link #untrained}, even a network made to start as its classical method (inpainting's fill) departs
     * from it.
     */
    public static Path randomized(Path file, String name, NetworkSpec spec, ModelTask task, int tile)
            throws IOException {
        Engine.getEngine("PyTorch").setRandomSeed(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Networks.create(spec, manager);
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray weights = p.getValue().getArray();
                weights.addi(manager.randomNormal(0, 0.05f, weights.getShape(), weights.getDataType()));
            }
            ModelPackage.write(file, new ModelDescriptor(name, "randomized test model", task, spec,
                    ModelDescriptor.Normalization.DEFAULT, new ModelDescriptor.Tiling(tile, spec.receptiveFieldRadius(),
                            4), null, Map.of()), block, Map.of());
        }
        return file;
    }

    private static Path passThrough(Path file, String name, NetworkSpec spec, ModelTask task,
            ModelDescriptor.Tiling tiling, boolean reverse) throws IOException {
        return write(file, name, spec, task, tiling, reverse, true);
    }

    private static Path write(Path file, String name, NetworkSpec spec, ModelTask task, ModelDescriptor.Tiling tiling,
            boolean reverse, boolean zero) throws IOException {
        return write(file, name, spec, task, tiling, reverse, zero, null, ModelDescriptor.Normalization.DEFAULT);
    }

    private static Path write(Path file, String name, NetworkSpec spec, ModelTask task, ModelDescriptor.Tiling tiling,
            boolean reverse, boolean zero, ModelDescriptor.Provenance provenance,
            ModelDescriptor.Normalization normalization) throws IOException {
        Engine.getEngine("PyTorch").setRandomSeed(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Networks.create(spec, manager);
            if (zero) {
                for (Pair<String, Parameter> p : block.getParameters()) {
                    p.getValue().getArray().muli(0);
                }
            }
            ModelDescriptor descriptor = new ModelDescriptor(name, zero ? "pass-through test model"
                    : "untrained test model", task, spec,
                    normalization, tiling, provenance, Map.of());
            Map<String, byte[]> extras = reverse ? Map.of(ModelPackage.REVERSE_GENERATOR,
                    ModelPackage.parameters(block)) : Map.of();
            ModelPackage.write(file, descriptor, block, extras);
        }
        return file;
    }

    /**
     * An untrained synthesis model from labels of {@code spec}'s classes (or instances), random weights drawn from
     * seed 1, that maps network values 0..1 to grey values 100..1100: its samples differ with the noise seed.
     */
    public static Path untrainedSynthesis(Path file, String name, SpadeSpec spec, int tile) throws IOException {
        Engine.getEngine("PyTorch").setRandomSeed(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Networks.create(spec, manager);
            ModelDescriptor descriptor = new ModelDescriptor(name, "untrained synthesis test model",
                    ModelTask.SYNTHESIS, spec, ModelDescriptor.Normalization.declared(new DeclaredProcessing(List.of(),
                            List.of(new ProcessingStep.ScaleLinear(List.of(1000.0), List.of(100.0))))),
                    ModelDescriptor.Tiling.forGenerator(spec, tile), null, Map.of());
            ModelPackage.write(file, descriptor, block, Map.of());
        }
        return file;
    }
}
