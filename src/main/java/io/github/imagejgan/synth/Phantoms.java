package io.github.imagejgan.synth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import io.github.imagejgan.task.UserException;

/** The phantoms by name, each with its typical settings, for command lines and dialogs. */
public final class Phantoms {

    private static final Map<String, BiFunction<Integer, Integer, Phantom>> TYPICAL = new LinkedHashMap<>();

    static {
        TYPICAL.put("nuclei", NucleiPhantom::typical);
        TYPICAL.put("filaments", FilamentPhantom::typical);
        TYPICAL.put("puncta", PunctaPhantom::typical);
        TYPICAL.put("membranes", MembranePhantom::typical);
        TYPICAL.put("ct", CtPhantom::typical);
        TYPICAL.put("ct-thorax", (w, h) -> new CtPhantom(w, h, CtPhantom.Anatomy.THORAX));
        TYPICAL.put("ct-abdomen", (w, h) -> new CtPhantom(w, h, CtPhantom.Anatomy.ABDOMEN));
        TYPICAL.put("mr-t1", (w, h) -> new MrPhantom(w, h, MrPhantom.Weighting.T1));
        TYPICAL.put("mr-t2", (w, h) -> new MrPhantom(w, h, MrPhantom.Weighting.T2));
        TYPICAL.put("dead-leaves", DeadLeavesPhantom::typical);
    }

    private Phantoms() {
    }

    /** The accepted names. */
    public static List<String> names() {
        return List.copyOf(TYPICAL.keySet());
    }

    /**
     * The named phantom with its typical settings, at the given size.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Phantom typical(String name, int width, int height) {
        BiFunction<Integer, Integer, Phantom> factory = TYPICAL.get(name);
        if (factory == null) {
            throw new UserException("Unknown phantom '" + name + "'; choose from " + names());
        }
        return factory.apply(width, height);
    }
}
