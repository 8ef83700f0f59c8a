package io.github.imagejgan.model;

import java.lang.reflect.Type;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonDeserializationContext;
import com.google.gson.JsonDeserializer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializationContext;
import com.google.gson.JsonSerializer;

import io.github.imagejgan.nn.InpaintingSpec;
import io.github.imagejgan.nn.MultiScaleDiscriminatorSpec;
import io.github.imagejgan.nn.NetworkSpec;
import io.github.imagejgan.nn.PatchDiscriminatorSpec;
import io.github.imagejgan.nn.ResidualDenoiserSpec;
import io.github.imagejgan.nn.ResidualSrSpec;
import io.github.imagejgan.nn.SpadeSpec;
import io.github.imagejgan.nn.TorchScriptSpec;
import io.github.imagejgan.nn.UNet3dSpec;
import io.github.imagejgan.nn.UNetSpec;

/**
 * {@code model.json} reading and writing. Network specs are written with their {@code type} name beside their
 * fields, so the file stays readable and new architectures can be added without breaking old files.
 */
public final class ModelJson {

    private static final Map<String, Class<? extends NetworkSpec>> SPECS = Map.of(
            "unet", UNetSpec.class,
            "unet3d", UNet3dSpec.class,
            "residual-sr", ResidualSrSpec.class,
            "inpainting-unet", InpaintingSpec.class,
            "residual-denoiser", ResidualDenoiserSpec.class,
            "spade", SpadeSpec.class,
            "patchgan", PatchDiscriminatorSpec.class,
            "multiscale-patchgan", MultiScaleDiscriminatorSpec.class,
            "torchscript", TorchScriptSpec.class);

    private static final Map<String, Class<? extends ProcessingStep>> STEPS = Map.of(
            "scale_range", ProcessingStep.ScaleRange.class,
            "zero_mean_unit_variance", ProcessingStep.ZeroMeanUnitVariance.class,
            "fixed_zero_mean_unit_variance", ProcessingStep.FixedZeroMeanUnitVariance.class,
            "scale_linear", ProcessingStep.ScaleLinear.class,
            "clip", ProcessingStep.Clip.class,
            "sigmoid", ProcessingStep.Sigmoid.class,
            "binarize", ProcessingStep.Binarize.class,
            "ensure_dtype", ProcessingStep.EnsureDtype.class);

    private static final Gson PLAIN = new Gson();

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeSpecialFloatingPointValues()
            .registerTypeHierarchyAdapter(NetworkSpec.class, new TypedAdapter<>("type", SPECS, NetworkSpec::type,
                    "network type"))
            .registerTypeHierarchyAdapter(ProcessingStep.class, new TypedAdapter<>("id", STEPS, ProcessingStep::id,
                    "processing step"))
            .registerTypeAdapter(ModelTask.class, (JsonSerializer<ModelTask>) (task, type,
                    context) -> new JsonPrimitive(task.id()))
            .registerTypeAdapter(ModelTask.class, (JsonDeserializer<ModelTask>) (json, type,
                    context) -> ModelTask.fromId(json.getAsString()))
            .create();

    private ModelJson() {
    }

    /** The shared Gson, which knows network specs and tasks; for other JSON entries of a package too. */
    public static Gson gson() {
        return GSON;
    }

    /** {@code model.json} text for a descriptor, with the format header. */
    public static String write(ModelDescriptor descriptor) {
        JsonObject json = new JsonObject();
        json.addProperty("format", "imagej-gan-model");
        json.addProperty("formatVersion", ModelDescriptor.FORMAT_VERSION);
        GSON.toJsonTree(descriptor).getAsJsonObject().entrySet().forEach(e -> json.add(e.getKey(), e.getValue()));
        return GSON.toJson(json);
    }

    /** Parses {@code model.json}, checking its format and version. */
    public static ModelDescriptor read(String text) {
        JsonObject json;
        try {
            json = GSON.fromJson(text, JsonObject.class);
        } catch (JsonParseException e) {
            throw new ModelFormatException("model.json is not valid JSON: " + e.getMessage(), e);
        }
        JsonElement format = json == null ? null : json.get("format");
        if (format == null || !format.isJsonPrimitive() || !"imagej-gan-model".equals(format.getAsString())) {
            throw new ModelFormatException("model.json does not describe an imagej-gan model (no \"format\": "
                    + "\"imagej-gan-model\").");
        }
        JsonElement formatVersion = json.get("formatVersion");
        int version = formatVersion != null && formatVersion.isJsonPrimitive()
                && formatVersion.getAsJsonPrimitive().isNumber() ? formatVersion.getAsInt() : -1;
        if (version != ModelDescriptor.FORMAT_VERSION) {
            throw new ModelFormatException("Model format version " + version + " is not supported by this version of "
                    + "the plugin (it reads version " + ModelDescriptor.FORMAT_VERSION + "). Update the plugin, or "
                    + "re-export the model.");
        }
        DescriptorFields.check(json, SPECS);
        try {
            return GSON.fromJson(json, ModelDescriptor.class);
        } catch (RuntimeException e) {
            throw new ModelFormatException("model.json: " + reason(e), e);
        }
    }

    /**
     * The message of what went wrong: Gson wraps an exception thrown by a record's constructor in one that lists
     * every argument, which says nothing to a user; the constructor's own message says what is wrong.
     */
    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof ModelFormatException || t instanceof IllegalArgumentException)) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /**
     * Writes a record of a sealed family with its name beside its fields (e.g. {@code "type": "unet"}), and reads it
     * back by that name.
     */
    private static final class TypedAdapter<T> implements JsonSerializer<T>, JsonDeserializer<T> {

        private final String key;
        private final Map<String, Class<? extends T>> types;
        private final java.util.function.Function<T, String> name;
        private final String what;

        TypedAdapter(String key, Map<String, Class<? extends T>> types, java.util.function.Function<T, String> name,
                String what) {
            this.key = key;
            this.types = types;
            this.name = name;
            this.what = what;
        }

        @Override
        public JsonElement serialize(T value, Type type, JsonSerializationContext context) {
            JsonObject json = new JsonObject();
            json.addProperty(key, name.apply(value));
            PLAIN.toJsonTree(value).getAsJsonObject().entrySet().forEach(e -> json.add(e.getKey(), e.getValue()));
            return json;
        }

        @Override
        public T deserialize(JsonElement json, Type type, JsonDeserializationContext context) {
            JsonObject object = json.getAsJsonObject();
            String typeName = object.has(key) ? object.get(key).getAsString() : null;
            Class<? extends T> kind = types.get(typeName);
            if (kind == null) {
                throw new ModelFormatException("Unknown " + what + " '" + typeName + "'; known: "
                        + new java.util.TreeSet<>(types.keySet()));
            }
            try {
                return PLAIN.fromJson(object, kind);
            } catch (RuntimeException e) {
                throw new ModelFormatException(reason(e), e);
            }
        }
    }
}
