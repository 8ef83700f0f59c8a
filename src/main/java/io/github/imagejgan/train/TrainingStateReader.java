package io.github.imagejgan.train;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.github.imagejgan.model.ModelFormatException;
import io.github.imagejgan.model.ModelTask;

/**
 * Reads a checkpoint's {@code training.json} field by field, so that a damaged one is refused with the field and
 * its value named, and one whose step lies outside its own run (say step 1e9 of 2000) is not taken for finished.
 */
final class TrainingStateReader {

    private final String where;
    private final JsonObject json;

    private TrainingStateReader(String where, JsonObject json) {
        this.where = where;
        this.json = json;
    }

    /**
     * @param where the entry's place for messages, e.g. "Checkpoint x.zip: entry 'training.json'"
     * @throws CheckpointException naming the field and what is wrong with it
     */
    static TrainingState read(byte[] bytes, String where) {
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            throw new CheckpointException(where + " is not valid JSON (" + e.getMessage() + ").", e);
        }
        if (!parsed.isJsonObject()) {
            throw new CheckpointException(where + " does not hold the training state (no JSON object).");
        }
        return new TrainingStateReader(where, parsed.getAsJsonObject()).state();
    }

    private TrainingState state() {
        GanConfig config = config();
        long step = wholeNumber("step");
        long steps = config.schedule().steps();
        if (step > steps) {
            throw problem("step", "is " + step + ", beyond the " + steps + " steps of its own run");
        }
        double seconds = number("seconds");
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw problem("seconds", "must be a finite number of seconds, not " + seconds);
        }
        return new TrainingState(step, number("bestPsnr"), number("lastPsnr"), number("baseline"), seconds, config);
    }

    private GanConfig config() {
        JsonElement element = json.get("config");
        if (element == null || !element.isJsonObject()) {
            throw problem("config", element == null ? "is missing" : "is not an object of settings");
        }
        JsonObject config = element.getAsJsonObject();
        checkTask(config.get("task"));
        try {
            return StoredGanConfig.GSON.fromJson(config, GanConfig.class);
        } catch (RuntimeException e) {
            // Gson wraps what a record's constructor refuses (steps < 1, no generator) in its own words.
            String reason = innermost(e);
            throw new CheckpointException(where + " field 'config' is not valid: " + reason + (reason.endsWith(".")
                    ? "" : "."), e);
        }
    }

    private void checkTask(JsonElement task) {
        if (task == null || !task.isJsonPrimitive()) {
            throw problem("config.task", "is missing");
        }
        try {
            ModelTask.fromId(task.getAsString());
        } catch (ModelFormatException e) {
            throw problem("config.task", "names no known task: '" + task.getAsString() + "' (known: " + Arrays
                    .stream(ModelTask.values()).map(ModelTask::id).collect(Collectors.joining(", ")) + ")");
        }
    }

    private long wholeNumber(String field) {
        BigDecimal value = decimal(field);
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw problem(field, "is not a whole number: " + value);
        }
    }

    private BigDecimal decimal(String field) {
        String text = text(field);
        try {
            BigDecimal value = new BigDecimal(text);
            if (value.signum() < 0) {
                throw problem(field, "is negative: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw problem(field, "is not a number: '" + text + "'");
        }
    }

    /** A number; NaN and infinities too, as Gson writes them (unquoted, read back as text). */
    private double number(String field) {
        String text = text(field);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw problem(field, "is not a number: '" + text + "'");
        }
    }

    private String text(String field) {
        JsonElement value = json.get(field);
        if (value == null || value.isJsonNull()) {
            throw problem(field, "is missing");
        }
        if (!value.isJsonPrimitive()) {
            throw problem(field, "is not a number: " + value);
        }
        return value.getAsString();
    }

    private CheckpointException problem(String field, String what) {
        return new CheckpointException(where + " field '" + field + "' " + what + ".");
    }

    /** The message of the deepest cause. */
    private static String innermost(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
