package io.github.imagejgan.scripts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.module.ModuleService;
import org.scijava.script.ScriptModule;
import org.scijava.script.ScriptService;

import ij.IJ;
import ij.ImagePlus;
import io.github.imagejgan.TestModels;
import io.github.imagejgan.image.ImageFiles;

/**
 * The example Jython scripts of scripts/Plugins/GAN/Examples, run through scijava-common's ScriptService so that
 * their {@code #@} parameters are harvested as in Fiji. A script error only reaches the log, so each run captures
 * the error output and fails on it.
 */
class ExampleScriptsTest {

    private static final Path EXAMPLES = Path.of("scripts", "Plugins", "GAN", "Examples");

    static Context context;
    static ScriptService scripts;
    static ModuleService modules;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        context = new Context();
        scripts = context.getService(ScriptService.class);
        modules = context.getService(ModuleService.class);
        scripts.addAlias(ImagePlus.class);
    }

    @AfterAll
    static void stop() {
        context.dispose();
    }

    @BeforeEach
    void models() throws IOException {
        TestModels.useDenoiseTestModel(dir);
    }

    @AfterEach
    void forget() {
        TestModels.forgetModelFolders();
    }

    private static ScriptModule run(String script, Map<String, Object> inputs) throws Exception {
        ScriptModule module = scripts.getScript(EXAMPLES.resolve(script).toFile()).createModule();
        StringWriter errors = new StringWriter();
        module.setErrorWriter(errors);
        module.setContext(context);
        modules.run(module, true, inputs).get();
        assertEquals("", errors.toString(), script + " failed");
        return module;
    }

    private Path folder(String name, int count, long seed) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            ImagePlus imp = IJ.createImage("i", "16-bit ramp", 48, 48, 1);
            for (int k = 0; k < 48 * 48; k++) {
                imp.getProcessor().set(k, imp.getProcessor().get(k) / 4 + random.nextInt(3000));
            }
            ImageFiles.saveTiff(imp, folder.resolve("img" + i + ".tif"));
        }
        return folder;
    }

    @Test
    void denoiseFolderScript() throws Exception {
        Path in = folder("in", 3, 1);
        Path out = Files.createDirectories(dir.resolve("out"));
        ScriptModule module = run("Denoise_Folder.py", new HashMap<>(Map.of("input", in.toFile(), "output",
                out.toFile(), "model", "denoise-test", "device", "cpu", "overwrite", false)));
        assertEquals(3, ((Number) module.getOutput("processed")).intValue());
        assertArrayEquals((short[]) IJ.openImage(in.resolve("img2.tif").toString()).getProcessor().getPixels(),
                (short[]) IJ.openImage(out.resolve("img2.tif").toString()).getProcessor().getPixels());
    }

    @Test
    void trainAndApplyScript() throws Exception {
        Path noisy = folder("noisy", 3, 2);
        Path clean = folder("clean", 3, 3);
        ImagePlus image = IJ.openImage(noisy.resolve("img0.tif").toString());
        ScriptModule module = run("Train_And_Apply.py", new HashMap<>(Map.of("inputs", noisy.toFile(), "targets",
                clean.toFile(), "image", image, "name", "script-model", "steps", 2, "patch", 32, "device",
                "cpu")));
        ImagePlus result = (ImagePlus) module.getOutput("result");
        assertEquals(48, result.getWidth());
        assertTrue(Files.isRegularFile(Path.of((String) module.getOutput("model"))));
    }

    @Test
    void evaluateScript() throws Exception {
        ImagePlus truth = IJ.createImage("truth", "32-bit ramp", 40, 40, 1);
        ScriptModule module = run("Evaluate_Against_Truth.py", new HashMap<>(Map.of("prediction", truth,
                "truth", truth, "normalized", false)));
        assertEquals(1.0, ((Number) module.getOutput("ssim")).doubleValue(), 1e-9);
        assertEquals(0.0, ((Number) module.getOutput("nrmse")).doubleValue(), 1e-9);
    }
}
