package io.github.imagejgan.model;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.github.imagejgan.nn.NetworkSpec;

/**
 * Checks the fields of {@code model.json} before they become a {@link ModelDescriptor}. Bound directly, a missing
 * field arrives as null or 0 and a bad one fails inside a constructor that Gson calls, whose error lists every
 * argument but names no field; here each missing or bad field is named with what it should be.
 */
final class DescriptorFields {

    private static final String TASKS = Arrays.stream(ModelTask.values()).map(ModelTask::id)
            .collect(Collectors.joining(", "));

    private final JsonObject json;
    /** Where {@code json} sits in model.json, e.g. {@code "tiling."}; empty at the top. */
    private final String path;

    private DescriptorFields(JsonObject json, String path) {
        this.json = json;
        this.path = path;
    }

    /**
     * @param specs the network types model.json may name, by their {@code type}
     * @throws ModelFormatException naming the first missing or bad field
     */
    static void check(JsonObject json, Map<String, Class<? extends NetworkSpec>> specs) {
        DescriptorFields top = new DescriptorFields(json, "");
        top.text("name", true, "the model's short name, e.g. \"denoise-general\"");
        top.text("description", false, "a sentence or two for users");
        String task = top.text("task", true, "what the model does: one of " + TASKS);
        if (Arrays.stream(ModelTask.values()).noneMatch(t -> t.id().equalsIgnoreCase(task))) {
            throw top.bad("task", "one of " + TASKS, json.get("task"));
        }
        top.generator(specs);
        top.within("normalization", true, "how image values map to the network: an object with lowPercentile and "
                + "highPercentile").normalization();
        top.within("tiling", true, "how images are cut for the network: an object with tileSize, halo and overlap (and sliceHalo for 2.5D models)")
                .tiling();
        DescriptorFields provenance = top.within("provenance", false, "how the model was trained");
        if (provenance != null) {
            provenance.provenance();
        }
        DescriptorFields metrics = top.within("metrics", false, "evaluation results by metric name");
        if (metrics != null) {
            metrics.json.keySet().forEach(k -> metrics.number(k, "a number"));
        }
    }

    private void generator(Map<String, Class<? extends NetworkSpec>> specs) {
        String known = String.join(", ", new TreeSet<>(specs.keySet()));
        DescriptorFields g = within("generator", true, "the network that makes the images: an object with a \"type\" ("
                + known + ") and its sizes");
        String type = g.text("type", true, "the network type: one of " + known);
        Class<? extends NetworkSpec> kind = specs.get(type);
        if (kind == null) {
            throw g.bad("type", "one of " + known, g.json.get("type"));
        }
        for (RecordComponent c : kind.getRecordComponents()) {
            if (c.getType() == int.class) {
                g.integer(c.getName(), true, "a whole number", Integer.MIN_VALUE, Integer.MAX_VALUE);
            } else if (c.getType() == boolean.class && g.json.has(c.getName())
                    && !isBoolean(g.json.get(c.getName()))) {
                throw g.bad(c.getName(), "true or false", g.json.get(c.getName()));
            }
        }
        try {
            ModelJson.gson().fromJson(g.json, NetworkSpec.class);
        } catch (ModelFormatException e) {
            throw new ModelFormatException("model.json: 'generator' is not a valid " + type + " network: "
                    + e.getMessage(), e);
        }
    }

    private void normalization() {
        double low = number("lowPercentile", "a percentile from 0 to 100");
        if (!(low >= 0 && low < 100)) {
            throw bad("lowPercentile", "a percentile from 0 to below 100", json.get("lowPercentile"));
        }
        double high = number("highPercentile", "a percentile from 0 to 100");
        if (!(high > low && high <= 100)) {
            throw bad("highPercentile", "a percentile above lowPercentile (" + low + ") and at most 100",
                    json.get("highPercentile"));
        }
        double networkLow = networkValue("networkLow", 0);
        double networkHigh = networkValue("networkHigh", 1);
        if (!(networkLow < networkHigh)) {
            throw bad("networkHigh", "above networkLow (" + networkLow + ")", json.get("networkHigh"));
        }
    }

    /** The network value a percentile maps to; absent means the default range [0, 1]. */
    private double networkValue(String key, double absent) {
        if (!json.has(key) || json.get(key).isJsonNull()) {
            return absent;
        }
        double value = number(key, "a finite number");
        if (!Double.isFinite(value)) {
            throw bad(key, "a finite number", json.get(key));
        }
        return value;
    }

    private void tiling() {
        integer("tileSize", true, "a positive number of pixels", 1, Integer.MAX_VALUE);
        integer("halo", true, "a number of pixels, 0 or more", 0, Integer.MAX_VALUE);
        integer("overlap", true, "a number of pixels, 0 or more", 0, Integer.MAX_VALUE);
        integer("sliceHalo", false, "a number of slices, 0 or more", 0, 64);
        if (json.has("sliceSpacing") && !(number("sliceSpacing", "a positive number of pixel widths") > 0)) {
            throw bad("sliceSpacing", "a positive number of pixel widths", json.get("sliceSpacing"));
        }
    }

    private void provenance() {
        text("data", false, "a description of the training data");
        within("degradation", false, "the degradation's parameters by name");
        integer("steps", false, "a number of training steps, 0 or more", 0, Long.MAX_VALUE);
        integer("seed", false, "a whole number", Long.MIN_VALUE, Long.MAX_VALUE);
        double seconds = json.has("trainingSeconds") ? number("trainingSeconds", "a number of seconds") : 0;
        if (!(seconds >= 0)) {
            throw bad("trainingSeconds", "a number of seconds, 0 or more", json.get("trainingSeconds"));
        }
        text("created", false, "a time such as 2026-11-25T00:00:00Z");
        text("software", false, "the software that wrote the model");
        text("startedFrom", false, "the model whose weights the run started from");
    }

    /** The object at {@code key}, or null if it is optional and absent. */
    private DescriptorFields within(String key, boolean required, String should) {
        JsonElement value = value(key, required, should);
        if (value == null) {
            return null;
        }
        if (!value.isJsonObject()) {
            throw bad(key, should, value);
        }
        return new DescriptorFields(value.getAsJsonObject(), path + key + ".");
    }

    private String text(String key, boolean required, String should) {
        JsonElement value = value(key, required, should);
        if (value == null) {
            return null;
        }
        if (!(value.isJsonPrimitive() && value.getAsJsonPrimitive().isString())
                || required && value.getAsString().isBlank()) {
            throw bad(key, should, value);
        }
        return value.getAsString();
    }

    /** A number; model.json may hold NaN (a metric not measured), so finiteness is for the caller to check. */
    private double number(String key, String should) {
        JsonElement value = value(key, true, should);
        try {
            if (value.isJsonPrimitive()) {
                return value.getAsDouble();
            }
        } catch (NumberFormatException e) {
            // Reported below, as every other wrong value.
        }
        throw bad(key, should, value);
    }

    private void integer(String key, boolean required, String should, long min, long max) {
        JsonElement value = value(key, required, should);
        if (value == null) {
            return;
        }
        if (!(value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber())) {
            throw bad(key, should, value);
        }
        BigDecimal d = value.getAsBigDecimal();
        if (d.stripTrailingZeros().scale() > 0 || d.compareTo(BigDecimal.valueOf(min)) < 0
                || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw bad(key, should, value);
        }
    }

    private JsonElement value(String key, boolean required, String should) {
        JsonElement value = json.get(key);
        if (value == null || value.isJsonNull()) {
            if (required) {
                throw new ModelFormatException("model.json: '" + path + key + "' is missing; it should be " + should
                        + ".");
            }
            return null;
        }
        return value;
    }

    private ModelFormatException bad(String key, String should, JsonElement got) {
        String shown = got.toString();
        return new ModelFormatException("model.json: '" + path + key + "' must be " + should + ", got "
                + (shown.length() > 80 ? shown.substring(0, 80) + "..." : shown) + ".");
    }

    private static boolean isBoolean(JsonElement e) {
        return e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean();
    }
}
