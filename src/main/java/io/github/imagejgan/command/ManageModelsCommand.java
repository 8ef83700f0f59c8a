package io.github.imagejgan.command;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.io.IOException;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.measure.ResultsTable;
import ij.text.TextWindow;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelEntry;
import io.github.imagejgan.model.ModelRegistry;
import io.github.imagejgan.task.UserException;

/**
 * Plugins › GAN › Manage Models…: lists shipped and user models, shows one model's description, imports a package
 * into the user model folder, deletes a user model.
 */
@Plugin(type = Command.class, menuPath = "Plugins>GAN>Manage Models...", headless = true,
        description = "List, inspect, import and delete GAN models")
public class ManageModelsCommand extends ContextCommand {

    static final String LIST = "List models";
    static final String INFO = "Show model information";
    static final String IMPORT = "Import model package";
    static final String DELETE = "Delete user model";

    @Parameter(label = "Action", choices = { LIST, INFO, IMPORT, DELETE })
    private String action = LIST;

    @Parameter(label = "Model name", required = false, description = "For information and deleting")
    private String model;

    @Parameter(label = "Package to import", required = false, style = "extensions:zip")
    private File packageFile;

    @Parameter(label = "Import as (name)", required = false, description = "Empty: the file name")
    private String importName;

    @Parameter(label = "Replace a user model of that name")
    private boolean replace = false;

    @Parameter(type = ItemIO.OUTPUT)
    private ResultsTable models;

    @Parameter(type = ItemIO.OUTPUT)
    private String info;

    @Parameter
    private LogService log;

    @Override
    public void run() {
        ModelRegistry registry = ModelRegistry.standard();
        try {
            switch (action) {
                case INFO -> info = registry.find(required(model, "the model name")).summary();
                case IMPORT -> {
                    if (packageFile == null) {
                        throw new UserException("Choose the model package (.zip) to import.");
                    }
                    ModelEntry entry = registry.importPackage(packageFile.toPath(), importName, replace);
                    info = "Imported '" + entry.name() + "' into " + entry.file();
                }
                case DELETE -> {
                    registry.delete(required(model, "the name of the user model to delete"));
                    info = "Deleted '" + model + "'.";
                }
                default -> info = "Shipped models: " + registry.list().stream().filter(ModelEntry::shipped).count()
                        + "; user models (" + registry.userFolder() + "): " + registry.list().stream()
                                .filter(e -> !e.shipped()).count();
            }
            models = table(registry);
            for (String problem : registry.problems()) {
                log.warn("imagej-gan: skipped " + problem);
            }
            if (!GraphicsEnvironment.isHeadless()) {
                models.show("GAN models");
                if (INFO.equals(action)) {
                    new TextWindow("GAN model " + model, info, 640, 520);
                }
            }
        } catch (IOException | RuntimeException e) {
            CommandFailure.cancel(this, log, e);
        }
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new UserException("Give " + what + ".");
        }
        return value.trim();
    }

    private static ResultsTable table(ModelRegistry registry) {
        ResultsTable table = new ResultsTable();
        for (ModelEntry e : registry.list()) {
            ModelDescriptor d = e.descriptor();
            table.incrementCounter();
            table.addValue("Name", e.name());
            table.addValue("Task", d.task().id());
            table.addValue("Channels", d.imageChannels());
            table.addValue("Scale", d.scale());
            table.addValue("Source", e.shipped() ? "shipped" : "user");
            table.addValue("Steps", d.provenance().steps());
            table.addValue("Validation PSNR", d.metrics().getOrDefault("bestValidationPsnr", Double.NaN));
            table.addValue("File", e.file().toString());
        }
        return table;
    }
}
