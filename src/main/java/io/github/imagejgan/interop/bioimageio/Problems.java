package io.github.imagejgan.interop.bioimageio;

import java.util.ArrayList;
import java.util.List;

/**
 * What a schema check found, each problem as {@code field: what is wrong}, in the order found; and the two checks
 * every part of the specification repeats (a required string, a required non-empty list).
 */
final class Problems {

    private final List<String> found = new ArrayList<>();

    void add(YamlValue where, String message) {
        found.add((where.path().isEmpty() ? "rdf.yaml" : where.path()) + ": " + message);
    }

    List<String> list() {
        return List.copyOf(found);
    }

    /** Whether the value is a non-blank string; if not, the problem is recorded. */
    boolean requireString(YamlValue v) {
        if (v.isMissing()) {
            add(v, "required");
            return false;
        }
        if (!v.isString() || v.string().isBlank()) {
            add(v, "must be a non-empty string");
            return false;
        }
        return true;
    }

    /** The items of an optional list; none when it is missing, or (after a problem) when it is no list. */
    List<YamlValue> optionalList(YamlValue value, String what) {
        if (value.isMissing()) {
            return List.of();
        }
        List<YamlValue> list = value.list();
        if (list == null) {
            add(value, "must be a " + what);
            return List.of();
        }
        return list;
    }

    /** The items of a list that must have some; none, after a problem, when it is missing, empty or no list. */
    List<YamlValue> nonEmptyList(YamlValue value, String what) {
        List<YamlValue> list = value.list();
        if (list == null || list.isEmpty()) {
            add(value, value.isMissing() ? "required" : "must be a non-empty " + what);
            return List.of();
        }
        return list;
    }
}
