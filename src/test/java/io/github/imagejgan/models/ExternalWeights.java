package io.github.imagejgan.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import io.github.imagejgan.image.AtomicFiles;
import io.github.imagejgan.interop.NpzWeights;
import io.github.imagejgan.model.LoadedModel;
import io.github.imagejgan.model.ModelDescriptor;
import io.github.imagejgan.model.ModelPackage;
import io.github.imagejgan.train.StartingWeights;

/**
 * Moves a model's weights out to Python and back, for training a network built here on a machine without Java (a
 * GPU machine: scripts/training/gpu_denoise.py, gpu_inpaint.py). {@code export MODEL.zip OUT.npz} writes the
 * generator's parameters (every parameter of any network, in DJL's order);
 * {@code import MODEL.zip WEIGHTS.npz RUN.json OUT.zip} writes MODEL with those weights instead, and with the
 * provenance of the run that made them (RUN.json: steps, seed, seconds, data, software), started from MODEL;
 * {@code blend A.zip B.zip W OUT.zip} writes B, named as A, with the weights (1 - W) A + W B (two networks of one
 * lineage: B fine-tuned from A), which can keep most of what B gained where B alone drifted. Each records its start
 * as a training run does ({@link StartingWeights#describe()}).
 */
public final class ExternalWeights {

    private ExternalWeights() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("export")) {
            try (LoadedModel model = ModelPackage.load(Path.of(args[1]), Device.cpu())) {
                byte[] npz = NpzWeights.write(model.generator());
                AtomicFiles.write(Path.of(args[2]), tmp -> Files.write(tmp, npz));
            }
        } else if (args.length == 5 && args[0].equals("import")) {
            Path source = Path.of(args[1]);
            JsonObject run = new Gson().fromJson(Files.readString(Path.of(args[3]), StandardCharsets.UTF_8),
                    JsonObject.class);
            try (LoadedModel model = ModelPackage.load(source, Device.cpu())) {
                NpzWeights.read(model.generator(), Files.readAllBytes(Path.of(args[2])));
                ModelDescriptor d = model.descriptor();
                ModelDescriptor.Provenance p = d.provenance();
                ModelDescriptor.Provenance trained = new ModelDescriptor.Provenance(run.get("data").getAsString(),
                        p.degradation(), run.get("steps").getAsLong(), run.get("seed").getAsLong(),
                        run.get("seconds").getAsDouble(), Instant.now().toString(), run.get("software").getAsString(),
                        new StartingWeights(source, false).describe());
                // The source's validation scores were measured on its own weights: none are carried over.
                ModelDescriptor imported = new ModelDescriptor(d.name(), d.description(), d.task(), d.generator(),
                        d.normalization(), d.tiling(), trained, Map.of());
                ModelPackage.write(Path.of(args[4]), imported, model.generator(), Map.of());
            }
        } else if (args.length == 5 && args[0].equals("blend")) {
            blend(Path.of(args[1]), Path.of(args[2]), Double.parseDouble(args[3]), Path.of(args[4]));
        } else {
            System.err.println("Usage: export MODEL.zip OUT.npz | import MODEL.zip WEIGHTS.npz RUN.json OUT.zip"
                    + " | blend A.zip B.zip W OUT.zip");
            System.exit(2);
        }
    }

    private static void blend(Path a, Path b, double weight, Path out) throws IOException {
        try (LoadedModel first = ModelPackage.load(a, Device.cpu()); LoadedModel second = ModelPackage.load(b,
                Device.cpu())) {
            var from = first.generator().getParameters().values();
            var to = second.generator().getParameters().values();
            if (from.size() != to.size()) {
                throw new IllegalArgumentException(a + " and " + b + " are different networks");
            }
            for (int i = 0; i < to.size(); i++) {
                NDArray x = from.get(i).getArray();
                NDArray y = to.get(i).getArray();
                if (!x.getShape().equals(y.getShape())) {
                    throw new IllegalArgumentException(a + " and " + b + " are different networks");
                }
                float[] mixed = y.toFloatArray();
                float[] other = x.toFloatArray();
                for (int k = 0; k < mixed.length; k++) {
                    mixed[k] = (float) ((1 - weight) * other[k] + weight * mixed[k]);
                }
                y.set(FloatBuffer.wrap(mixed));
            }
            ModelDescriptor d = second.descriptor();
            ModelDescriptor.Provenance p = d.provenance();
            String parts = String.format(Locale.ROOT, "the weights %.2f x %s + %.2f x %s", 1 - weight,
                    new StartingWeights(a, false).describe(), weight, new StartingWeights(b, false).describe());
            ModelDescriptor.Provenance blended = new ModelDescriptor.Provenance(p.data(), p.degradation(), p.steps(),
                    p.seed(), p.trainingSeconds(), Instant.now().toString(), p.software(), parts);
            // Named as A, the model whose line the blend continues.
            ModelDescriptor named = first.descriptor();
            ModelPackage.write(out, new ModelDescriptor(named.name(), named.description(), d.task(), d.generator(),
                    d.normalization(), d.tiling(), blended, Map.of()), second.generator(), Map.of());
        }
    }
}
