package io.github.imagejgan.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import io.github.imagejgan.TestModels;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.InpaintingSpec;
import io.github.imagejgan.nn.ResidualDenoiserSpec;
import io.github.imagejgan.nn.ResidualSrSpec;
import io.github.imagejgan.nn.UNetSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;

/**
 * A headless SciJava context, with "shipped" pass-through models of every task in a temporary folder and an empty
 * user model folder, as the commands see them in Fiji.
 */
abstract class CommandTestBase {

    static Context context;
    static CommandService commands;
    static ModuleService modules;

    @TempDir
    Path dir;

    Path shipped;
    Path user;

    @BeforeAll
    static void startContext() {
        context = new Context();
        commands = context.getService(CommandService.class);
        modules = context.getService(ModuleService.class);
    }

    @AfterAll
    static void stopContext() {
        context.dispose();
    }

    @BeforeEach
    void installModels() throws IOException {
        TestModels.ModelFolders folders = TestModels.useModelFolders(dir);
        shipped = folders.shipped();
        user = folders.user();
        TestModels.passThrough(shipped.resolve("denoise-test.zip"), "denoise-test", new ResidualDenoiserSpec(1, 4, 2),
                ModelTask.DENOISE, 32, false);
        // NB: pixel repetition, so that the network differs from the bicubic interpolation a strength blends it with.
        TestModels.passThrough(shipped.resolve("sr-test.zip"), "sr-test", new ResidualSrSpec(1, 4, 1, 2,
                ResidualSrSpec.NEAREST), ModelTask.SUPER_RESOLUTION, 32, false);
        TestModels.passThrough(shipped.resolve("inpaint-test.zip"), "inpaint-test", new InpaintingSpec(1, 2, 4),
                ModelTask.INPAINT, 32, false);
        TestModels.passThrough(shipped.resolve("style-test.zip"), "style-test", new UNetSpec(1, 1, 2, 4, true, false,
                false), ModelTask.STYLE, 32, true);
    }

    @AfterEach
    void forgetModels() {
        TestModels.forgetModelFolders();
    }

    /**
     * Runs a command with pre- and post-processing, as Fiji and macros do. Through the module service: our
     * commands are dynamic (their own modules), which {@code CommandService.run(Class, ...)} does not return.
     */
    static Ran run(Class<? extends Command> command, Map<String, Object> inputs)
            throws InterruptedException, ExecutionException {
        Module module = modules.run(commands.getCommand(command), true, inputs).get();
        return new Ran(module);
    }

    /** A finished command: its outputs, and whether (and why) it was cancelled. */
    record Ran(Module module) {

        Object getOutput(String name) {
            return module.getOutput(name);
        }

        boolean isCanceled() {
            return ((Cancelable) module).isCanceled();
        }

        String getCancelReason() {
            return ((Cancelable) module).getCancelReason();
        }
    }
}
