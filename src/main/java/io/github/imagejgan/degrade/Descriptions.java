package io.github.imagejgan.degrade;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.imagejgan.task.UserException;

/** Builds the ordered, unmodifiable parameter maps that degradations and phantoms return from {@code describe()}. */
public final class Descriptions {

    private Descriptions() {
    }

    /** A map from alternating keys and values, in that order; keys are strings. */
    public static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new UserException("Keys and values come in pairs");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** The descriptions of several degradations, in order (the steps of a chain, the choices of alternatives). */
    public static List<Map<String, Object>> each(List<Degradation> degradations) {
        return degradations.stream().map(Degradation::describe).toList();
    }
}
