package io.github.imagejgan.ij1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import io.github.imagejgan.TestModels;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.InpaintingSpec;
import io.github.imagejgan.nn.ResidualDenoiserSpec;
import io.github.imagejgan.nn.ResidualSrSpec;
import io.github.imagejgan.nn.SpadeSpec;
import io.github.imagejgan.nn.UNetSpec;
import io.github.imagejgan.synth.NucleiPhantom;

/**
 * Real macros in a real ImageJ 1.x (Debian's {@code imagej} package), run headless with {@code -batch} under Xvfb,
 * with the plugin installed the way a user installs it: the ij1_ jar with plugins.config in {@code plugins/}, the
 * plugin and its dependencies in {@code plugins/jars/}. Models are pass-through test models, so results can be
 * checked exactly. Needs {@code apt-get install imagej xvfb} (done by .ci/run).
 */
class RealImageJMacroTest {

    private static final Path IJ_JAR = Path.of("/usr/share/java/ij.jar");

    @TempDir
    static Path root;

    static Path ijDir;
    static Path models;

    @BeforeAll
    static void installPlugin() throws IOException {
        assertTrue(Files.isRegularFile(IJ_JAR) && Files.isExecutable(Path.of("/usr/bin/xvfb-run")),
                "These tests run Debian's ImageJ: apt-get install -y imagej xvfb (.ci/run does)");
        ijDir = Files.createDirectories(root.resolve("imagej"));
        Path plugins = Files.createDirectories(ijDir.resolve("plugins"));
        Path jars = Files.createDirectories(plugins.resolve("jars"));
        Path classes = Path.of("target", "classes");
        jar(classes, plugins.resolve("imagej-gan-ij1_.jar"), true);
        jar(classes, jars.resolve("imagej-gan.jar"), false);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classPath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = p.getFileName().toString();
            if (name.endsWith(".jar") && !name.matches("(ij|junit|opentest4j|apiguardian|jython|slf4j-simple).*")) {
                Files.copy(p, jars.resolve(name));
            }
        }
        models = Files.createDirectories(root.resolve("models"));
        TestModels.passThrough(models.resolve("denoise-test.zip"), "denoise-test", new ResidualDenoiserSpec(1, 4, 2),
                ModelTask.DENOISE, 32, false);
        TestModels.passThrough(models.resolve("sr-test.zip"), "sr-test", new ResidualSrSpec(1, 4, 1, 2),
                ModelTask.SUPER_RESOLUTION, 32, false);
        TestModels.passThrough(models.resolve("inpaint-test.zip"), "inpaint-test", new InpaintingSpec(1, 2, 4),
                ModelTask.INPAINT, 32, false);
        TestModels.passThroughSlices(models.resolve("slices-test.zip"), "slices-test", 2, 32);
        TestModels.passThroughVolumetric(models.resolve("volume-test.zip"), "volume-test", 2, 32);
        TestModels.passThroughIsotropic(models.resolve("isotropic-test.zip"), "isotropic-test", 3, 32);
        TestModels.passThrough(models.resolve("style-test.zip"), "style-test", new UNetSpec(1, 1, 2, 4, true, false,
                false), ModelTask.STYLE, 32, true);
        TestModels.untrainedSynthesis(models.resolve("nuclei-test.zip"), "nuclei-test", new SpadeSpec(2, true, 1, 4,
                2), 32);
    }

    /** Packs either only plugins.config (the bridge jar; classes come from jars/) or every class. */
    private static void jar(Path classes, Path jar, boolean bridge) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = classes.relativize(f).toString().replace(File.separatorChar, '/');
                if (bridge != name.equals("plugins.config")) {
                    continue;
                }
                zip.putNextEntry(new JarEntry(name));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
    }

    private record Run(int exit, String output) {
    }

    private static Run macro(String name, String code) throws IOException, InterruptedException {
        return macro(name, code, List.of("-Dimagejgan.shipped.models=" + models));
    }

    private static Run macro(String name, String code, List<String> javaOptions) throws IOException,
            InterruptedException {
        Path file = root.resolve(name + ".ijm");
        Files.writeString(file, code, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of("timeout", "240", "xvfb-run", "-a",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dai.djl.offline=true"));
        command.addAll(javaOptions);
        command.addAll(List.of("-cp", IJ_JAR.toString(), "ij.ImageJ", "-ijpath", ijDir.toString(), "-batch",
                file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), output);
        return new Run(process.exitValue(), output);
    }

    private static ImagePlus stack16(String title) {
        ImagePlus imp = IJ.createImage(title, "16-bit black", 48, 40, 2);
        Random random = new Random(title.hashCode());
        for (int s = 1; s <= 2; s++) {
            ImageProcessor ip = imp.getStack().getProcessor(s);
            for (int i = 0; i < 48 * 40; i++) {
                ip.set(i, 100 + random.nextInt(4000));
            }
        }
        imp.getCalibration().pixelWidth = 0.3;
        imp.getCalibration().pixelHeight = 0.3;
        imp.getCalibration().setUnit("micron");
        return imp;
    }

    @Test
    void everyOperationRunsFromAMacro() throws Exception {
        Path in = root.resolve("cells.tif");
        ImageFiles.saveTiff(stack16("cells"), in);
        Path out = Files.createDirectories(root.resolve("ops"));
        Run run = macro("operations", String.join("\n",
                "open('" + in + "');",
                "id = getImageID();",
                "run('Denoise...', 'model=denoise-test outputtype=[Same as input] tile=auto device=cpu channel=0 "
                        + "strength=0.5');",
                "saveAs('Tiff', '" + out.resolve("denoised.tif") + "');",
                "selectImage(id);",
                "run('Super-Resolution...', 'model=sr-test outputtype=[32-bit float] tile=32 device=cpu strength=0.5');",
                "saveAs('Tiff', '" + out.resolve("sr.tif") + "');",
                "selectImage(id);",
                "makeRectangle(10, 12, 8, 6);",
                "run('Inpaint...', 'model=inpaint-test fill=Selection device=cpu strength=0.5 adapt=2');",
                "saveAs('Tiff', '" + out.resolve("inpainted.tif") + "');",
                "selectImage(id);",
                "run('Select None');",
                "run('Style Transfer...', 'model=style-test direction=[B to A] device=cpu preview');",
                "saveAs('Tiff', '" + out.resolve("style.tif") + "');"));
        assertEquals(0, run.exit(), run.output());
        ImagePlus input = IJ.openImage(in.toString());

        ImagePlus denoised = IJ.openImage(out.resolve("denoised.tif").toString());
        assertEquals(16, denoised.getBitDepth());
        assertEquals(2, denoised.getStackSize());
        assertEquals(0.3, denoised.getCalibration().pixelWidth, 1e-6, "TIFF stores resolution as a fraction");
        assertArrayEquals((short[]) input.getStack().getPixels(2), (short[]) denoised.getStack().getPixels(2));

        ImagePlus sr = IJ.openImage(out.resolve("sr.tif").toString());
        assertEquals(96, sr.getWidth());
        assertEquals(80, sr.getHeight());
        assertEquals(32, sr.getBitDepth());
        assertEquals(0.15, sr.getCalibration().pixelWidth, 1e-6);

        ImagePlus filled = IJ.openImage(out.resolve("inpainted.tif").toString());
        int changedInside = 0;
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 48; x++) {
                boolean inside = x >= 10 && x < 18 && y >= 12 && y < 18;
                int a = input.getStack().getProcessor(1).get(x, y);
                int b = filled.getStack().getProcessor(1).get(x, y);
                if (inside) {
                    changedInside += a != b ? 1 : 0;
                } else {
                    assertEquals(a, b, "pixel (" + x + "," + y + ") outside the selection changed");
                }
            }
        }
        assertTrue(changedInside > 40, "the selection was filled: " + changedInside + " of 48 pixels changed");

        ImagePlus style = IJ.openImage(out.resolve("style.tif").toString());
        assertEquals(1, style.getStackSize(), "preview: the current plane only");
    }

    /** A 16-bit stack of 40 x 36 pixels: slice s holds {@code step * s} plus random values below {@code spread}. */
    private static ImagePlus randomStack(String title, int slices, int step, int spread, long seed) {
        ImagePlus stack = IJ.createImage(title, "16-bit black", 40, 36, slices);
        Random random = new Random(seed);
        for (int s = 1; s <= slices; s++) {
            ImageProcessor ip = stack.getStack().getProcessor(s);
            for (int i = 0; i < 40 * 36; i++) {
                ip.set(i, step * s + random.nextInt(spread));
            }
        }
        return stack;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "slices-test", "volume-test" })
    void aMacroDenoisesAZStackWithAModelOfNeighbouringSlices(String model) throws Exception {
        ImagePlus stack = randomStack("stack", 5, 100, 2000, 5);
        Path in = root.resolve("zstack.tif");
        ImageFiles.saveTiff(stack, in);
        Path out = root.resolve(model + "-denoised.tif");
        Run run = macro("zstack-" + model, String.join("\n",
                "open('" + in + "');",
                "run('Denoise...', 'model=" + model + " outputtype=[Same as input] device=cpu');",
                "saveAs('Tiff', '" + out + "');"));
        assertEquals(0, run.exit(), run.output());
        ImagePlus denoised = IJ.openImage(out.toString());
        assertEquals(5, denoised.getStackSize());
        for (int s = 1; s <= 5; s++) {
            // The pass-through models (2.5D, 3D) return each slice itself, whatever its neighbours: slices stay in
            // order.
            assertArrayEquals((short[]) stack.getStack().getPixels(s), (short[]) denoised.getStack().getPixels(s),
                    "slice " + s);
        }
    }

    @Test
    void aMacroMakesAStackIsotropicWithAModelTrainedBefore() throws Exception {
        ImagePlus stack = randomStack("anisotropic", 4, 500, 100, 6);
        stack.getCalibration().pixelDepth = 3;
        Path in = root.resolve("anisotropic.tif");
        ImageFiles.saveTiff(stack, in);
        Path out = root.resolve("isotropic.tif");
        Run run = macro("isotropic", String.join("\n",
                "open('" + in + "');",
                "run('Make Isotropic...', 'model=isotropic-test device=cpu');",
                "saveAs('Tiff', '" + out + "');"));
        assertEquals(0, run.exit(), run.output());
        ImagePlus isotropic = IJ.openImage(out.toString());
        assertEquals(12, isotropic.getStackSize(), "three slices for each");
        assertEquals(1.0, isotropic.getCalibration().pixelDepth, 1e-9);
        // The pass-through model leaves linear interpolation along z: slice 3k is slice k, 3k + 1 a third of the way.
        float[] first = (float[]) isotropic.getStack().convertToFloat().getPixels(4);
        float[] between = (float[]) isotropic.getStack().convertToFloat().getPixels(5);
        ImageProcessor s1 = stack.getStack().getProcessor(2);
        ImageProcessor s2 = stack.getStack().getProcessor(3);
        assertEquals(s1.getf(7), first[7], 0.05);
        assertEquals(s1.getf(7) * 2 / 3 + s2.getf(7) / 3, between[7], 0.05);
    }

    @Test
    void aMacroSynthesizesSamplesThatDifferFromAnInstanceLabelImage() throws Exception {
        Path labels = root.resolve("nuclei-labels.tif");
        ImageFiles.saveTiff(new ImagePlus("nuclei", new ShortProcessor(56, 44, labelPixels(
                NucleiPhantom.typical(56, 44).renderLabelled(3).labels()), null)), labels);
        Path out = root.resolve("synthesized.tif");
        Run run = macro("synthesize", String.join("\n",
                "open('" + labels + "');",
                "run('Synthesize from Labels...', 'model=nuclei-test samples=3 seed=7 tile=auto device=cpu');",
                "saveAs('Tiff', '" + out + "');"));
        assertEquals(0, run.exit(), run.output());
        ImagePlus samples = IJ.openImage(out.toString());
        assertEquals(56, samples.getWidth());
        assertEquals(44, samples.getHeight());
        assertEquals(3, samples.getStackSize());
        float[] first = (float[]) samples.getStack().getProcessor(1).convertToFloatProcessor().getPixels();
        float[] second = (float[]) samples.getStack().getProcessor(2).convertToFloatProcessor().getPixels();
        int differ = 0;
        for (int i = 0; i < first.length; i++) {
            differ += first[i] != second[i] ? 1 : 0;
        }
        assertTrue(differ > first.length / 2, "each sample its own noise: " + differ + " pixels differ");
    }

    /** The ROI Manager's ROIs give what a label image painted with the same regions gives. */
    @Test
    void aMacroSynthesizesFromTheRoiManagerAsFromTheSameLabelsPainted() throws Exception {
        Path fromRois = root.resolve("from-rois.tif");
        Path fromLabels = root.resolve("from-labels.tif");
        Run run = macro("synthesize-rois", String.join("\n",
                "setBatchMode(true);",
                "newImage('canvas', '8-bit black', 56, 44, 1);",
                "makeOval(5, 5, 15, 12); roiManager('add');",
                "makeRectangle(30, 20, 14, 10); roiManager('add');",
                "run('Select None');",
                "run('Synthesize from Labels...', 'model=nuclei-test labels=[ROI Manager] samples=1 seed=7 "
                        + "tile=auto device=cpu');",
                "saveAs('Tiff', '" + fromRois + "');",
                "newImage('labels', '16-bit black', 56, 44, 1);",
                "makeOval(5, 5, 15, 12); setColor(1); fill();",
                "makeRectangle(30, 20, 14, 10); setColor(2); fill();",
                "run('Select None');",
                "run('Synthesize from Labels...', 'model=nuclei-test samples=1 seed=7 tile=auto device=cpu');",
                "saveAs('Tiff', '" + fromLabels + "');"));
        assertEquals(0, run.exit(), run.output());
        float[] a = (float[]) IJ.openImage(fromRois.toString()).getProcessor().convertToFloatProcessor().getPixels();
        float[] b = (float[]) IJ.openImage(fromLabels.toString()).getProcessor().convertToFloatProcessor()
                .getPixels();
        assertArrayEquals(b, a, 1e-6f);
        double inside = a[11 * 56 + 12];
        double outside = a[40 * 56 + 2];
        assertTrue(inside != outside, "the regions change the result: " + inside + " vs " + outside);
    }

    private static short[] labelPixels(int[] ids) {
        short[] pixels = new short[ids.length];
        for (int i = 0; i < ids.length; i++) {
            pixels[i] = (short) ids[i];
        }
        return pixels;
    }

    @Test
    void aMacroLoopsOverAFolder() throws Exception {
        Path folder = Files.createDirectories(root.resolve("folder-in"));
        Path out = Files.createDirectories(root.resolve("folder-out"));
        for (int i = 0; i < 3; i++) {
            ImageFiles.saveTiff(stack16("img" + i), folder.resolve("img" + i + ".tif"));
        }
        Run run = macro("loop", String.join("\n",
                "setBatchMode(true);",
                "dir = '" + folder + "/';",
                "list = getFileList(dir);",
                "for (i = 0; i < list.length; i++) {",
                "  open(dir + list[i]);",
                "  run('Denoise...', 'model=denoise-test outputtype=[32-bit float] device=cpu');",
                "  saveAs('Tiff', '" + out + "/' + list[i]);",
                "  close('*');",
                "}"));
        assertEquals(0, run.exit(), run.output());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(3, files.count());
        }
        ImagePlus one = IJ.openImage(out.resolve("img1.tif").toString());
        assertEquals(32, one.getBitDepth());
        assertNotEquals(0, one.getStatistics().max);
    }

    @Test
    void modelsInImageJsOwnModelsFolderAreFoundWithoutAnyProperty() throws Exception {
        // Where the README says: <ImageJ>/models/imagej-gan, <ImageJ> being the folder that holds plugins/ (-ijpath,
        // as Debian's imagej passes ~/.imagej); no -Dimagejgan.shipped.models.
        Path installed = Files.createDirectories(ijDir.resolve("models").resolve("imagej-gan"));
        Files.copy(models.resolve("denoise-test.zip"), installed.resolve("installed-denoiser.zip"),
                StandardCopyOption.REPLACE_EXISTING);
        Path out = root.resolve("from-installed.tif");
        Run run = macro("installed-models", String.join("\n",
                "newImage('x', '16-bit ramp', 32, 32, 1);",
                "run('Denoise...', 'model=installed-denoiser device=cpu');",
                "saveAs('Tiff', '" + out + "');"), List.of());
        assertEquals(0, run.exit(), run.output());
        assertTrue(Files.isRegularFile(out), run.output());
    }

    @Test
    void macroErrorsEndTheBatchRunWithAMessage() throws Exception {
        Path out = root.resolve("never.tif");
        Run run = macro("errors", String.join("\n",
                "newImage('x', '8-bit ramp', 32, 32, 1);",
                "run('Denoise...', 'model=no-such-model device=cpu');",
                "saveAs('Tiff', '" + out + "');"));
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("No model named 'no-such-model'"), run.output());
        assertFalse(Files.exists(out), "the macro must not go on and save the unmodified image");
        Run badOption = macro("bad-option", String.join("\n",
                "newImage('x', '8-bit ramp', 32, 32, 1);",
                "run('Denoise...', 'model=denoise-test tile=huge device=cpu');"));
        assertEquals(1, badOption.exit());
        assertTrue(badOption.output().contains("Tile size must be 'auto'"), badOption.output());
    }
}
