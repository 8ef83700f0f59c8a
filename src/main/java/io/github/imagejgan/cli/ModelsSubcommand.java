package io.github.imagejgan.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelEntry;
import io.github.imagejgan.model.ModelRegistry;

/** {@code models list|import|info|delete}: the model manager on the command line. */
final class ModelsSubcommand {

    static final String HELP = """
            models list | info NAME | import FILE.zip [--name NAME] [--replace] | delete NAME
              info: what the package says (network, training data, steps, the model a run started from, scores)
              shipped models: -Dimagejgan.shipped.models=DIR, else models/ beside the jar or the folder above it;
              user models: -Dimagejgan.user.models=DIR, else $IMAGEJ_GAN_MODELS, else ~/.imagej-gan/models""";

    private final PrintStream out;

    ModelsSubcommand(PrintStream out) {
        this.out = out;
    }

    static Set<String> flags() {
        return Set.of("replace");
    }

    int run(CommandLine args) throws IOException {
        ModelRegistry registry = ModelRegistry.standard();
        String action = args.positional().isEmpty() ? "list" : args.positional().get(0);
        String name = args.string("name", null);
        boolean replace = args.flag("replace");
        args.rejectUnknown();
        switch (action) {
            case "list" -> {
                out.println(String.format(Locale.ROOT, "%-32s %-17s %8s %5s %-18s %-8s %s", "name", "task",
                        "channels", "scale", "sees (x/y, z)", "source", "file"));
                for (ModelEntry e : registry.list()) {
                    ModelDescriptor d = e.descriptor();
                    out.println(String.format(Locale.ROOT, "%-32s %-17s %8d %5d %-18s %-8s %s", e.name(),
                            d.task().id(), d.imageChannels(), d.scale(), reach(d), e.shipped() ? "shipped" : "user",
                            e.file()));
                }
                for (String problem : registry.problems()) {
                    out.println("skipped: " + problem);
                }
                if (registry.list().isEmpty()) {
                    out.println("No models found: " + registry.whereModelsAre() + ".");
                }
            }
            case "info" -> out.print(registry.find(argument(args, "the model to describe")).summary());
            case "import" -> {
                ModelEntry e = registry.importPackage(Path.of(argument(args, "the package to import")), name,
                        replace);
                out.println("[imagej-gan] imported '" + e.name() + "' into " + e.file());
            }
            case "delete" -> {
                String model = argument(args, "the model to delete");
                registry.delete(model);
                out.println("[imagej-gan] deleted '" + model + "'");
            }
            default -> throw new UsageException("Unknown models action '" + action
                    + "': list, info, import or delete.");
        }
        return 0;
    }

    /**
     * How far the model sees around each output pixel: its receptive field in pixels on each side in x and y, and in
     * slices on each side for models of neighbouring slices.
     */
    static String reach(ModelDescriptor d) {
        String xy = "±" + d.generator().receptiveFieldRadius() + " px";
        int slices = d.tiling().slices() / 2;
        return slices > 0 ? xy + ", ±" + slices + " sl" : xy;
    }

    private static String argument(CommandLine args, String what) {
        if (args.positional().size() < 2) {
            throw new UsageException("Give " + what + ".");
        }
        return args.positional().get(1);
    }
}
