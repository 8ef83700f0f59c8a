package io.github.imagejgan.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;

import ai.djl.Device;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.OvalRoi;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import io.github.imagejgan.image.AtomicFiles;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.model.ModelTask;
import io.github.imagejgan.predict.InpaintMask;
import io.github.imagejgan.predict.PredictionOptions;
import io.github.imagejgan.predict.Predictor;
import io.github.imagejgan.synth.NucleiPhantom;
import io.github.imagejgan.synth.Phantoms;
import io.github.imagejgan.task.TaskMonitor;

/**
 * Output statistics of every shipped model on a fixed small input, stored in {@code models/fingerprints.json} when
 * the models are made, so that a test notices any accidental change of the weights or of the prediction path.
 * Running {@code main} rewrites the file (scripts/train-shipped-models.sh does).
 */
public final class ShippedModelFingerprints {

    static final Path MODELS = Path.of("models");
    static final Path FILE = MODELS.resolve("fingerprints.json");

    private ShippedModelFingerprints() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, double[]> all = compute(MODELS);
        Gson gson = new GsonBuilder().setPrettyPrinting().create();
        AtomicFiles.write(FILE, tmp -> Files.writeString(tmp, gson.toJson(all) + "\n", StandardCharsets.UTF_8));
        System.out.println("[imagej-gan] wrote " + FILE + " for " + all.keySet());
        System.exit(0);
    }

    /** Stored fingerprints. */
    static Map<String, double[]> stored() throws IOException {
        return new Gson().fromJson(Files.readString(FILE), new TypeToken<TreeMap<String, double[]>>() {
        }.getType());
    }

    /** Mean, standard deviation and the value at the centre of each model's output on the fixed input. */
    static Map<String, double[]> compute(Path models) throws IOException {
        Map<String, double[]> result = new TreeMap<>();
        try (Stream<Path> files = Files.list(models)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".zip")).sorted().toList()) {
                try (LoadedModel model = ModelPackage.load(file, Device.cpu())) {
                    result.put(file.getFileName().toString(), fingerprint(model));
                }
            }
        }
        return result;
    }

    static double[] fingerprint(LoadedModel model) {
        int size = 64;
        // A model of neighbouring slices gets three slices (seeds 98 to 100) and is fingerprinted on the middle one.
        int slices = model.descriptor().tiling().slices() > 1 ? 3 : 1;
        ImageStack stack = new ImageStack(size, size);
        if (model.descriptor().task() == ModelTask.SYNTHESIS) {
            // A label-to-image model gets the instance labels of the same scene.
            int[] labels = NucleiPhantom.typical(size, size).renderLabelled(99).labels();
            short[] ids = new short[labels.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = (short) labels[i];
            }
            stack.addSlice(null, new ShortProcessor(size, size, ids, null));
        } else {
            for (int s = 0; s < slices; s++) {
                stack.addSlice(null, Phantoms.typical("nuclei", size, size).render(99 - slices / 2 + s));
            }
        }
        ImagePlus input = new ImagePlus("fixed", stack);
        InpaintMask mask = model.descriptor().task() == ModelTask.INPAINT ? InpaintMask.of(new OvalRoi(20, 20, 16,
                12), size, size) : null;
        // NB: the network alone (strength 1) as trained (no adaptation to the image): a fitted strength or fitted
        // weights would follow the fit, not the shipped weights.
        ImageProcessor out = new Predictor(model).predict(input, mask, PredictionOptions.DEFAULT.withStrength(1)
                .withAdaptation(0), TaskMonitor.NONE).getStack().getProcessor(slices / 2 + 1);
        float[] v = (float[]) out.convertToFloatProcessor().getPixels();
        double sum = 0;
        double sq = 0;
        for (float x : v) {
            sum += x;
            sq += (double) x * x;
        }
        double mean = sum / v.length;
        return new double[] { mean, Math.sqrt(Math.max(0, sq / v.length - mean * mean)),
                out.getf(out.getWidth() / 2, out.getHeight() / 2) };
    }
}
