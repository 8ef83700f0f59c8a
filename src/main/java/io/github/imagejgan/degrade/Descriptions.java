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

    /**
     * {@code described} with the noise's shape where it is not white: {@code spread}, {@code spreadY} where it differs
     * from {@code spread}, {@code white} where some of the noise is left white (the settings a specification takes).
     */
    static Map<String, Object> withShape(Map<String, Object> described, double spread, double spreadY, double white) {
        Map<String, Object> map = new LinkedHashMap<>(described);
        if (spread != 0) {
            map.put("spread", spread);
        }
        if (spreadY != spread) {
            map.put("spreadY", spreadY);
        }
        if (white != 0) {
            map.put("white", white);
        }
        return Collections.unmodifiableMap(map);
    }

    /** The descriptions of several degradations, in order (the steps of a chain, the choices of alternatives). */
    public static List<Map<String, Object>> each(List<Degradation> degradations) {
        return degradations.stream().map(Degradation::describe).toList();
    }
}
