package io.github.imagejgan.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.imagejgan.image.AtomicFiles;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.image.ImagePlusImages;
import io.github.imagejgan.metrics.ImageEvaluation;

/**
 * {@code evaluate}: PSNR, SSIM and NRMSE of predictions against ground truths (two files, or two folders matched by
 * file name), printed as a table and optionally written as CSV.
 */
final class EvaluateSubcommand {

    static final String HELP = """
            evaluate --prediction FILE|DIR --truth FILE|DIR [--raw] [--per-plane] [--csv FILE]""";

    private final PrintStream out;

    EvaluateSubcommand(PrintStream out) {
        this.out = out;
    }

    static Set<String> flags() {
        return Set.of("raw", "per-plane");
    }

    int run(CommandLine args) throws IOException {
        Path prediction = Path.of(args.required("prediction"));
        Path truth = Path.of(args.required("truth"));
        boolean raw = args.flag("raw");
        boolean perPlane = args.flag("per-plane");
        Path csv = args.path("csv");
        args.rejectUnknown();
        List<Path[]> pairs = new ArrayList<>();
        if (Files.isDirectory(prediction)) {
            for (Path p : InputFiles.expand(List.of(prediction.toString()))) {
                Path t = truth.resolve(p.getFileName());
                if (!Files.isRegularFile(t)) {
                    throw new UsageException("No ground truth " + t + " for " + p.getFileName() + ".");
                }
                pairs.add(new Path[] { p, t });
            }
        } else {
            pairs.add(new Path[] { prediction, truth });
        }
        StringBuilder table = new StringBuilder("prediction,truth,plane,psnr,ssim,nrmse\n");
        for (Path[] pair : pairs) {
            List<ImageEvaluation.Scores> scores = ImageEvaluation.evaluate(ImagePlusImages.wrap(ImageFiles.open(
                    pair[1])), ImagePlusImages.wrap(ImageFiles.open(pair[0])), raw ? ImageEvaluation.Mode.RAW
                            : ImageEvaluation.Mode.NORMALIZED);
            for (ImageEvaluation.Scores s : scores) {
                if (perPlane || s.label().equals("all")) {
                    String line = String.format(Locale.ROOT, "%s,%s,%s,%.4f,%.5f,%.5f", pair[0].getFileName(),
                            pair[1].getFileName(), s.label(), s.psnr(), s.ssim(), s.nrmse());
                    table.append(line).append('\n');
                    out.println(line);
                }
            }
        }
        if (csv != null) {
            AtomicFiles.write(csv, tmp -> Files.writeString(tmp, table.toString(), StandardCharsets.UTF_8));
        }
        return 0;
    }
}
