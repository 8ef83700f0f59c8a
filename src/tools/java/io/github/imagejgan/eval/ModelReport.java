package io.github.imagejgan.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import ai.djl.Device;
import ij.ImagePlus;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import io.github.imagejgan.degrade.Degradations;
import io.github.imagejgan.degrade.Degraded;
import io.github.imagejgan.image.AtomicFiles;
import io.github.imagejgan.image.ImageFiles;
import io.github.imagejgan.metrics.NormalizedComparison;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.nn.Networks;
import io.github.imagejgan.predict.PredictionOptions;
import io.github.imagejgan.predict.Predictor;
import io.github.imagejgan.synth.Phantom;
import io.github.imagejgan.synth.Phantoms;
import io.github.imagejgan.synth.PixelEncoding;
import io.github.imagejgan.task.TaskMonitor;

/**
 * Evaluates the shipped models that have no benchmark of their own (the style model) on images they were not trained
 * on (fresh synthetic seeds), beside the classical ImageJ baselines, and writes their sections of
 * {@code models/MODELS.md}, below {@link #MARKER}, with one figure per model. Run with
 * {@code scripts/evaluate-models.sh}; not a test.
 */
public final class ModelReport {

    private static final int SIZE = 256;
    private static final NormalizedComparison COMPARE = NormalizedComparison.QUALITY_CONTROL;

    /** One test image: what the method gets and what it should give. */
    record Case(String group, ImagePlus input, ImagePlus truth) {
    }

    /** A way of restoring a case. */
    record Method(String name, Function<Case, ImageProcessor> restore) {
    }

    /** Mean scores of a method on a group of cases. */
    record Row(String group, String method, int n, double psnr, double ssim, double nrmse) {
    }

    /** MODELS.md above this line is written by hand (the general models' summary); below it by this report. */
    static final String MARKER = "<!-- Below: written by scripts/evaluate-models.sh -->";

    private final Path models;
    private final StringBuilder md = new StringBuilder();

    private ModelReport(Path models) {
        this.models = models;
    }

    public static void main(String[] args) throws IOException {
        Path models = Path.of(args.length > 0 ? args[0] : "models");
        ModelReport report = new ModelReport(models);
        report.run();
        System.exit(0);
    }

    private void run() throws IOException {
        Files.createDirectories(models.resolve("figures"));
        style();
        Path file = models.resolve("MODELS.md");
        String page = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        int marker = page.indexOf(MARKER);
        String kept = marker < 0 ? "# Shipped models and their evaluation\n\n" : page.substring(0, marker);
        AtomicFiles.write(file, tmp -> Files.writeString(tmp, kept + MARKER + "\n\n" + md, StandardCharsets.UTF_8));
        System.out.println("[imagej-gan] wrote " + file);
    }

    // ---------------------------------------------------------------- data

    // ---------------------------------------------------------------- models

    private void style() throws IOException {
        if (missing("style-widefield-to-confocal")) {
            return;
        }
        Map<String, List<Case>> test = new LinkedHashMap<>();
        List<Case> tuning = new ArrayList<>();
        String widefield = "defocus:sigma=2.5,haze=0.4,hazeSigma=10+poisson-gaussian:readNoise=1,photonsPerUnit=1";
        String sharp = "poisson-gaussian:readNoise=1,photonsPerUnit=1";
        List<Case> all = new ArrayList<>();
        for (String p : new String[] { "nuclei", "filaments", "membranes" }) {
            all.addAll(pairs("synthetic widefield vs confocal renderings of the same cells", p, widefield, sharp,
                    4, 7501));
            tuning.addAll(pairs("tuning", p, widefield, sharp, 1, 6501));
        }
        test.put(all.get(0).group(), all);
        double[] best = { 1, 0.5 };
        double bestPsnr = Double.NEGATIVE_INFINITY;
        for (double s : new double[] { 1, 2, 3, 4 }) {
            for (double w : new double[] { 0.3, 0.6, 0.9 }) {
                double psnr = meanPsnr(tuning, c -> Baselines.unsharp(c.input(), s, w));
                if (psnr > bestPsnr) {
                    bestPsnr = psnr;
                    best[0] = s;
                    best[1] = w;
                }
            }
        }
        try (LoadedModel model = load("style-widefield-to-confocal")) {
            List<Method> methods = List.of(
                    new Method("Input (widefield look)", c -> c.input().getProcessor().convertToFloatProcessor()),
                    new Method(String.format(Locale.ROOT, "Unsharp mask (sigma %.0f, weight %.1f, tuned)", best[0],
                            best[1]), c -> Baselines.unsharp(c.input(), best[0], best[1])),
                    new Method("**style-widefield-to-confocal** (A to B)", c -> predict(model, c)));
            section(model.descriptor(), test, methods);
        }
        md.append("What it does: it removes most of the out-of-focus haze around cells and sharpens their edges, "
                + "at the price of dark rims around bright objects; it was never shown a pair, only hazy images of "
                + "some cells and sharp images of others. There is no goal for this model: PSNR against a confocal "
                + "rendering of the same cells rewards a translation only partly (the noise differs), and a blind "
                + "deconvolution would be the classical method. The same training continued to 3000 steps reached "
                + "SSIM 0.622 (PSNR 22.09 dB) on these images, but drew membrane-like lines between nuclei that are "
                + "not in the cells: domain B mixes nuclei, filament and membrane images, and the translation began "
                + "to carry texture over from the other cell types. The shipped model is the 1500-step one. For "
                + "real use, train on one structure per model.\n\n");
    }

    /** The same cells rendered two ways: input with one degradation, "truth" with the other. */
    private static List<Case> pairs(String group, String phantomName, String inputLook, String truthLook, int count,
            long seed) {
        Phantom phantom = Phantoms.typical(phantomName, SIZE, SIZE);
        PixelEncoding encoding = phantom.encoding();
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] clean = phantom.render(seed + 17L * i);
            Degraded a = Degradations.parse(inputLook).apply(clean, SIZE, SIZE, seed + 17L * i + 5);
            Degraded b = Degradations.parse(truthLook).apply(clean, SIZE, SIZE, seed + 17L * i + 6);
            cases.add(new Case(group, encoding.toImage(a.image(), SIZE, SIZE, phantomName),
                    encoding.toImage(b.image(), SIZE, SIZE, phantomName)));
        }
        return cases;
    }

    // ---------------------------------------------------------------- running and scoring

    private LoadedModel load(String name) throws IOException {
        return ModelPackage.load(models.resolve(name + ".zip"), Device.cpu());
    }

    private boolean missing(String name) {
        if (Files.isRegularFile(models.resolve(name + ".zip"))) {
            return false;
        }
        md.append("## ").append(name).append("\n\nNot evaluated: ").append(name).append(".zip is not in ")
                .append(models).append(".\n\n");
        return true;
    }

    private static ImageProcessor predict(LoadedModel model, Case c) {
        return new Predictor(model).predict(c.input(), null, PredictionOptions.DEFAULT, TaskMonitor.NONE)
                .getProcessor();
    }

    private static double meanPsnr(List<Case> cases, Function<Case, ImageProcessor> method) {
        double sum = 0;
        for (Case c : cases) {
            sum += score(c, method.apply(c)).psnr();
        }
        return sum / cases.size();
    }

    private static NormalizedComparison.Result score(Case c, ImageProcessor result) {
        float[] truth = (float[]) c.truth().getProcessor().convertToFloatProcessor().getPixels();
        float[] out = (float[]) result.convertToFloatProcessor().getPixels();
        return COMPARE.compare(truth, out, c.truth().getWidth(), c.truth().getHeight());
    }

    private void section(ModelDescriptor d, Map<String, List<Case>> test, List<Method> methods) throws IOException {
        System.out.println("[imagej-gan] evaluating " + d.name());
        List<Row> rows = new ArrayList<>();
        Map<String, ImageProcessor> figure = new LinkedHashMap<>();
        Case shown = test.values().iterator().next().get(0);
        for (Map.Entry<String, List<Case>> group : test.entrySet()) {
            for (Method m : methods) {
                double psnr = 0;
                double ssim = 0;
                double nrmse = 0;
                for (Case c : group.getValue()) {
                    ImageProcessor result = m.restore().apply(c);
                    NormalizedComparison.Result s = score(c, result);
                    psnr += s.psnr();
                    ssim += s.ssim();
                    nrmse += s.nrmse();
                    if (c == shown && !m.name().startsWith("Input")) {
                        figure.put(m.name().replace("*", ""), result);
                    }
                }
                int n = group.getValue().size();
                rows.add(new Row(group.getKey(), m.name(), n, psnr / n, ssim / n, nrmse / n));
            }
        }
        writeSection(d, rows);
        writeFigure(d.name(), shown, figure);
    }

    /** The wall-clock time of the model's latest training run, as the training script recorded it, or null. */
    private static String wholeRun(String name) throws IOException {
        Path times = Path.of("target", "shipped-training", "times.txt");
        if (!Files.isRegularFile(times)) {
            return null;
        }
        String latest = null;
        for (String line : Files.readAllLines(times, StandardCharsets.UTF_8)) {
            if (line.startsWith(name + ": ")) {
                latest = line.substring(name.length() + 2);
            }
        }
        return latest;
    }

    private void writeSection(ModelDescriptor d, List<Row> rows) throws IOException {
        Path file = models.resolve(d.name() + ".zip");
        md.append("## ").append(d.name()).append("\n\n").append(d.description()).append("\n\n");
        ModelDescriptor.Provenance p = d.provenance();
        long params;
        try (LoadedModel m = load(d.name())) {
            params = Networks.parameterCount(m.generator());
        }
        md.append(String.format(Locale.ROOT, "- Network: `%s` %s, %,d parameters; package %.1f MB%n",
                d.generator().type(), d.generator().toString().replaceFirst("^\\w+", ""), params,
                Files.size(file) / 1e6));
        md.append(String.format(Locale.ROOT, "- Training: the weights of step %d (%s), seed %d, %.0f min of training "
                + "up to there on %s; data: %s%n", p.steps(), d.task() == ModelTask.STYLE ? "the last step"
                        : "the step with the best validation PSNR", p.seed(), p.trainingSeconds() / 60, p.software(),
                p.data()));
        String run = wholeRun(d.name());
        if (run != null) {
            md.append("- Whole training run (scripts/train-shipped-models.sh): ").append(run).append('\n');
        }
        md.append(String.format(Locale.ROOT, "- Tiling: %d px tiles, halo %d px (receptive-field radius)%n%n",
                d.tiling().tileSize(), d.tiling().halo()));
        md.append("| Test images | Method | n | PSNR | SSIM | NRMSE |\n|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.3f | %.3f |\n", r.group(), r.method(),
                    r.n(), r.psnr(), r.ssim(), r.nrmse()));
        }
        md.append('\n');
        md.append("![").append(d.name()).append("](figures/").append(d.name()).append(".png)\n\n");
    }

    /** A crop of the first test image: every method's result beside input and ground truth, one grey scale. */
    private void writeFigure(String name, Case c, Map<String, ImageProcessor> results) throws IOException {
        ImageProcessor truth = c.truth().getProcessor().convertToFloatProcessor();
        int w = truth.getWidth();
        int h = truth.getHeight();
        int crop = Math.min(160, Math.min(w, h));
        int x0 = (w - crop) / 2;
        int y0 = (h - crop) / 2;
        List<ImageProcessor> panels = new ArrayList<>();
        ImageProcessor input = c.input().getProcessor().convertToFloatProcessor();
        if (input.getWidth() != w) {
            input.setInterpolationMethod(ImageProcessor.NONE);
            input = input.resize(w, h);
        }
        panels.add(input);
        panels.addAll(results.values());
        panels.add(truth);
        float[] sorted = ((float[]) truth.getPixels()).clone();
        java.util.Arrays.sort(sorted);
        double low = sorted[(int) (sorted.length * 0.005)];
        double high = sorted[(int) (sorted.length * 0.995)];
        ByteProcessor montage = new ByteProcessor(panels.size() * (crop + 4) - 4, crop);
        montage.setColor(255);
        montage.fill();
        for (int i = 0; i < panels.size(); i++) {
            ImageProcessor p = panels.get(i).convertToFloatProcessor();
            p.setRoi(x0, y0, crop, crop);
            ImageProcessor part = p.crop();
            part.setMinAndMax(low, high);
            montage.insert(part.convertToByte(true), i * (crop + 4), 0);
        }
        ImageFiles.savePng(new ImagePlus(name, montage), models.resolve("figures").resolve(name + ".png"));
        md.append("*Left to right: input, ").append(String.join(", ", results.keySet()))
                .append(", ground truth (a ").append(crop).append(" px crop of the first test image).*\n\n");
    }
}
