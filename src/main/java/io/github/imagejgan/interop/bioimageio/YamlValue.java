package io.github.imagejgan.interop.bioimageio;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

import io.github.imagejgan.model.ModelFormatException;

/**
 * A value of a parsed YAML document with the path that leads to it (e.g. {@code inputs[0].axes}), so that every
 * complaint about a model description can say exactly where the problem is. Missing keys give a missing value rather
 * than an exception; the typed accessors return null when the value is missing or of another type.
 *
 * @param value the parsed value: a map, list, string, number, boolean, date, or null
 * @param path  where it is in the document
 */
record YamlValue(Object value, String path) {

    /** rdf.yaml files are small; this bounds what a hostile file can make the parser do. */
    private static final int MAX_CODE_POINTS = 1 << 20;

    /**
     * Parses YAML safely: only plain data types are constructed, aliases are limited and duplicate keys rejected.
     *
     * @throws ModelFormatException if the text is not YAML or its top level is not a map
     */
    static YamlValue parse(byte[] yaml, String name) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setNestingDepthLimit(50);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(options)).load(new String(yaml, StandardCharsets.UTF_8));
        } catch (YAMLException e) {
            throw new ModelFormatException(name + " is not valid YAML: " + firstLine(e.getMessage()), e);
        }
        if (!(root instanceof Map)) {
            throw new ModelFormatException(name + " does not hold a YAML map of fields.");
        }
        return new YamlValue(root, "");
    }

    /** YAML text for a document of maps, lists, strings, numbers and booleans, in block style. */
    static byte[] dump(Map<String, Object> document) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setSplitLines(false);
        options.setWidth(120);
        return new Yaml(new Representer(options), options).dump(document).getBytes(StandardCharsets.UTF_8);
    }

    boolean isMissing() {
        return value == null;
    }

    /** The value under {@code key} (missing if this is not a map or has no such key). */
    YamlValue get(String key) {
        String p = path.isEmpty() ? key : path + "." + key;
        return new YamlValue(value instanceof Map<?, ?> m ? m.get(key) : null, p);
    }

    boolean has(String key) {
        return value instanceof Map<?, ?> m && m.get(key) != null;
    }

    /** The elements of a list, or null if this is not a list. */
    List<YamlValue> list() {
        if (!(value instanceof List<?> l)) {
            return null;
        }
        List<YamlValue> items = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            items.add(new YamlValue(l.get(i), path + "[" + i + "]"));
        }
        return items;
    }

    boolean isMap() {
        return value instanceof Map;
    }

    boolean isList() {
        return value instanceof List;
    }

    /** The keys of a map, in document order. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        if (value instanceof Map<?, ?> m) {
            m.keySet().forEach(k -> keys.add(String.valueOf(k)));
        }
        return keys;
    }

    /** Strings as they are; numbers (e.g. an unquoted version such as 1.13) and dates as YAML wrote them. */
    String string() {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (value instanceof Date d) {
            return d.toInstant().toString();
        }
        return null;
    }

    /** Strictly a YAML string. */
    boolean isString() {
        return value instanceof String;
    }

    Double number() {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    /** A whole number, or null. */
    Long integer() {
        if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return d.longValue();
        }
        return null;
    }

    /** A number or a list of numbers as a list; null if neither. */
    List<Double> numbers() {
        if (value instanceof Number n) {
            return List.of(n.doubleValue());
        }
        List<Double> numbers = eachItem(YamlValue::number);
        return numbers == null || numbers.isEmpty() ? null : numbers;
    }

    /** A list of whole numbers, or null. */
    List<Long> integers() {
        return eachItem(YamlValue::integer);
    }

    /** Every item converted; null if this is no list or an item does not convert. */
    private <T> List<T> eachItem(Function<YamlValue, T> convert) {
        List<YamlValue> items = list();
        if (items == null) {
            return null;
        }
        List<T> converted = new ArrayList<>();
        for (YamlValue item : items) {
            T value = convert.apply(item);
            if (value == null) {
                return null;
            }
            converted.add(value);
        }
        return converted;
    }

    /** An ordered map for building documents. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static String firstLine(String message) {
        return message == null ? "no details" : message.strip().lines().findFirst().orElse("");
    }
}
