package io.github.imagejgan.interop.bioimageio;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Terms and rules of the bioimage.io specification that several parts of the schema check use. */
final class SpecTerms {

    static final Set<String> DTYPES = Set.of("float32", "float64", "uint8", "int8", "uint16", "int16", "uint32",
            "int32", "uint64", "int64", "bool");
    static final String IDENTIFIER = "[a-z0-9_]+";

    private SpecTerms() {
    }

    /** Whether a size is {@code min + n*step}; a step of 0 allows only {@code min}. */
    static boolean fits(long size, long min, long step) {
        return step == 0 ? size == min : size >= min && (size - min) % step == 0;
    }

    /** The axis letters of a format 0.4 axes string, each as an axis id. */
    static Set<String> letters(String axes) {
        Set<String> set = new HashSet<>();
        for (char c : axes.toCharArray()) {
            set.add(String.valueOf(c));
        }
        return set;
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    static List<YamlValue> concat(List<YamlValue> a, List<YamlValue> b) {
        List<YamlValue> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
