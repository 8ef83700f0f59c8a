package io.github.imagejgan.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.interop.ExportOptions;
import io.github.imagejgan.interop.ExportResult;
import io.github.imagejgan.interop.ImportOptions;
import io.github.imagejgan.interop.ImportResult;
import io.github.imagejgan.interop.ModelExporter;
import io.github.imagejgan.interop.ModelImporter;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelTask;

/**
 * {@code import-torchscript}, {@code import-bioimageio}, {@code export-torchscript} and {@code export-bioimageio}:
 * model packages from and to PyTorch and bioimage.io.
 */
final class InteropSubcommand {

    /** The sub-commands this class runs. */
    static final Set<String> COMMANDS = Set.of("import-torchscript", "import-bioimageio", "export-torchscript",
            "export-bioimageio");

    static final String HELP = """
            import-torchscript MODEL.pt --out PACKAGE.zip [options]
              a TorchScript generator (NCHW float in and out); what is not stated is measured by running it
              options: --name NAME --description TEXT --task denoise|super-resolution|inpaint|style
                       --channels IN or IN:OUT --scale S --divisor D --halo H --tile 256
                       --percentiles 1:99.8 --range 0:1 (network values of the percentiles; -1:1 for pix2pix)
            import-bioimageio MODEL.zip --out PACKAGE.zip [--name NAME --description TEXT --task TASK --tile N]
              a bioimage.io model (format 0.4 or 0.5) with TorchScript weights
            export-torchscript PACKAGE.zip --out MODEL.pt [--python PATH]
            export-bioimageio PACKAGE.zip --out MODEL.zip [--author "NAME; NAME" --license SPDX --python PATH]
                              [--test-image FILE]
              networks trained here are rebuilt in PyTorch by Python 3 with PyTorch (apt-get install python3-torch);
              --author and --license describe a model trained here (default "imagej-gan user", CC-BY-4.0); a model
              imported from bioimage.io keeps its own authors and licence, and --author names who packaged it;
              --test-image: an image from the model's domain, whose centre becomes the test input (default: a
              synthetic image of the model's domain); an inpainting model takes the image and a mask as two inputs""";

    private final PrintStream out;

    InteropSubcommand(PrintStream out) {
        this.out = out;
    }

    static Set<String> flags() {
        return Set.of();
    }

    int run(String command, CommandLine args) throws IOException {
        if (args.positional().size() != 1) {
            throw new UsageException(command + " takes one file, got " + args.positional().size() + ".");
        }
        Path source = Path.of(args.positional().get(0));
        Path target = args.path("out");
        if (target == null) {
            throw new UsageException("Missing --out.");
        }
        switch (command) {
        case "import-torchscript" -> {
            ImportOptions options = importOptions(args, true);
            args.rejectUnknown();
            report(ModelImporter.importTorchScript(source, target, options));
        }
        case "import-bioimageio" -> {
            ImportOptions options = importOptions(args, false);
            args.rejectUnknown();
            report(ModelImporter.importBioimageIo(source, target, options));
        }
        case "export-torchscript" -> {
            ExportOptions options = ExportOptions.DEFAULT.withPython(args.string("python", null));
            args.rejectUnknown();
            report(ModelExporter.exportTorchScript(source, target, options));
        }
        case "export-bioimageio" -> {
            String authors = args.string("author", null);
            Path testImage = args.path("test-image");
            ExportOptions options = ExportOptions.DEFAULT.withPython(args.string("python", null)).withAuthors(
                    authors == null ? null : Arrays.stream(authors.split(";")).map(String::strip)
                            .filter(s -> !s.isEmpty()).toList(), args.string("license", null));
            args.rejectUnknown();
            if (testImage != null) {
                options = options.withTestImage(ImageFiles.open(testImage));
            }
            report(ModelExporter.exportBioimageIo(source, target, options));
        }
        default -> throw new UsageException("Unknown command '" + command + "'.");
        }
        return 0;
    }

    private static ImportOptions importOptions(CommandLine args, boolean torchScript) {
        ImportOptions options = ImportOptions.INFER.withName(args.string("name", null),
                args.string("description", null)).withTileSize(args.integer("tile", 0));
        if (args.has("task")) {
            options = options.withTask(ModelTask.fromId(args.string("task", null)));
        }
        if (!torchScript) {
            return options;
        }
        if (args.has("channels")) {
            int[] channels = pair(args.string("channels", null), "channels", true);
            options = options.withChannels(channels[0], channels[1]);
        }
        options = options.withScale(args.integer("scale", 0)).withDivisor(args.integer("divisor", 0))
                .withHalo(args.integer("halo", -1));
        double[] percentiles = numbers(args.string("percentiles", "1:99.8"), "percentiles");
        double[] range = numbers(args.string("range", "0:1"), "range");
        return options.withNormalization(new ModelDescriptor.Normalization(percentiles[0], percentiles[1])
                .withNetworkRange(range[0], range[1]));
    }

    private static int[] pair(String value, String option, boolean secondOptional) {
        String[] parts = value.split(":");
        try {
            int first = Integer.parseInt(parts[0].strip());
            int second = parts.length > 1 ? Integer.parseInt(parts[1].strip()) : secondOptional ? 0 : first;
            if (parts.length > 2) {
                throw new NumberFormatException(value);
            }
            return new int[] { first, second };
        } catch (NumberFormatException e) {
            throw new UsageException("--" + option + " takes N or N:M, got '" + value + "'.");
        }
    }

    private static double[] numbers(String value, String option) {
        List<String> parts = Arrays.asList(value.split(":"));
        try {
            if (parts.size() != 2) {
                throw new NumberFormatException(value);
            }
            return new double[] { Double.parseDouble(parts.get(0).strip()), Double.parseDouble(parts.get(1)
                    .strip()) };
        } catch (NumberFormatException e) {
            throw new UsageException("--" + option + " takes LOW:HIGH, got '" + value + "'.");
        }
    }

    private void report(ImportResult result) {
        ModelDescriptor d = result.descriptor();
        out.printf(Locale.ROOT, "[imagej-gan] Imported '%s' (%s, %d channel(s) in, %d out, scale %d, tile halo %d):"
                + " %s%n", d.name(), d.task().id(), d.inputChannels(), d.outputChannels(), d.scale(),
                d.tiling().halo(), result.target());
        result.notes().forEach(n -> out.println("[imagej-gan]   " + n));
    }

    private void report(ExportResult result) {
        out.printf(Locale.ROOT, "[imagej-gan] Exported %s (PyTorch %s; largest difference to imagej-gan: %.2g in "
                + "Python, %.2g loaded back)%n", result.target(), result.pytorchVersion(), result.pythonDifference(),
                result.reloadedDifference());
        result.notes().forEach(n -> out.println("[imagej-gan]   " + n));
    }
}
