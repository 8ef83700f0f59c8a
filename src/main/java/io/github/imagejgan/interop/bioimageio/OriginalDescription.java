package io.github.imagejgan.interop.bioimageio;

import static io.github.imagejgan.interop.bioimageio.YamlValue.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.imagejgan.interop.ExportException;
import io.github.imagejgan.interop.ExportOptions;
import io.github.imagejgan.model.ModelPackage;

/**
 * The rdf.yaml (format 0.4 or 0.5) of a model imported from bioimage.io, kept in its package so that a re-export
 * makes the same promises as the original: its authors, maintainers, licence, citations and links, its tensor ids
 * and channel names, its input size rules, its output halo and the PyTorch version of its weights. Fields are read into their format 0.5 form, as
 * bioimage.io's own conversion from 0.4 writes them ({@code model/v0_5.py}, {@code _ModelConv}).
 */
final class OriginalDescription {

    /** The package entry that holds the original rdf.yaml. */
    static final String ENTRY = "bioimageio-rdf.yaml";
    /** What bioimage.io's conversion from 0.4 writes for TorchScript weights that state no PyTorch version. */
    static final String CONVERTED_PYTORCH_VERSION = "1.10";
    /** The packager every re-export names beside the persons the user gives. */
    static final String PACKAGER = "imagej-gan";

    private static final List<String> PERSON_FIELDS = List.of("name", "affiliation", "email", "orcid",
            "github_user");
    private static final List<String> CITATION_FIELDS = List.of("text", "doi", "url");

    private final YamlValue rdf;
    private final boolean v05;

    private OriginalDescription(YamlValue rdf) {
        this.rdf = rdf;
        String version = rdf.get("format_version").string();
        this.v05 = version != null && version.startsWith("0.5.");
    }

    /** The original description of an imported package, or null for a model trained here. */
    static OriginalDescription of(ModelPackage pkg) {
        byte[] yaml = pkg.entry(ENTRY);
        return yaml == null ? null : new OriginalDescription(YamlValue.parse(yaml, ENTRY));
    }

    String formatVersion() {
        return rdf.get("format_version").string();
    }

    String name() {
        return rdf.get("name").string();
    }

    /** The authors' own description, or null. */
    String description() {
        return rdf.get("description").string();
    }

    /**
     * The fields that say whose model it is and where it comes from: authors, maintainers, licence, citations,
     * Git repository, links, training data and tags as the original states them, and as packagers the persons the
     * options name followed by imagej-gan.
     *
     * @throws ExportException if the options name another licence than the original's (an export never relicenses
     *                         a model), or the original lacks a licence or authors and the options give none
     */
    Map<String, Object> attribution(ExportOptions options) {
        Map<String, Object> fields = new LinkedHashMap<>();
        List<Object> authors = people(rdf.get("authors"), false);
        List<Object> packagers = new ArrayList<>();
        if (authors.isEmpty()) {
            if (options.authors().isEmpty()) {
                throw new ExportException("The imported model's description names no authors. Name them with "
                        + "--author (the export never makes imagej-gan the author of a model made elsewhere).");
            }
            options.authors().forEach(a -> authors.add(map("name", a)));
        } else {
            options.authors().forEach(a -> packagers.add(map("name", a)));
        }
        packagers.add(map("name", PACKAGER));
        fields.put("authors", authors);
        fields.put("packaged_by", packagers);
        List<Object> maintainers = people(rdf.get("maintainers"), true);
        if (!maintainers.isEmpty()) {
            fields.put("maintainers", maintainers);
        }
        fields.put("cite", citations());
        fields.put("license", license(options.license()));
        String repository = rdf.get("git_repo").string();
        if (repository != null) {
            fields.put("git_repo", repository);
        }
        List<Object> links = strings(rdf.get("links"));
        if (!links.isEmpty()) {
            fields.put("links", links);
        }
        String dataset = rdf.get("training_data").get("id").string();
        if (dataset != null) {
            fields.put("training_data", map("id", dataset));
        }
        List<Object> tags = strings(rdf.get("tags"));
        if (!tags.isEmpty()) {
            fields.put("tags", tags);
        }
        return fields;
    }

    private String license(String stated) {
        String own = rdf.get("license").string();
        if (own == null) {
            if (stated == null) {
                throw new ExportException("The imported model's description names no licence. Name the one its "
                        + "authors gave it with --license (the export never chooses one for them).");
            }
            return stated;
        }
        if (stated != null && !stated.equalsIgnoreCase(own)) {
            throw new ExportException("The model's authors licensed it under " + own + "; an export keeps that "
                    + "licence and cannot give it " + stated + ". Leave out the licence.");
        }
        return own;
    }

    /** Persons with the fields format 0.5 knows; maintainers need a GitHub user name there. */
    private static List<Object> people(YamlValue list, boolean maintainers) {
        List<Object> people = new ArrayList<>();
        for (YamlValue p : list.list() == null ? List.<YamlValue>of() : list.list()) {
            Map<String, Object> person = fields(p, PERSON_FIELDS);
            if (maintainers ? person.containsKey("github_user") : person.containsKey("name")) {
                people.add(person);
            }
        }
        return people;
    }

    private List<Object> citations() {
        List<Object> citations = new ArrayList<>();
        List<YamlValue> list = rdf.get("cite").list();
        for (YamlValue c : list == null ? List.<YamlValue>of() : list) {
            Map<String, Object> citation = fields(c, CITATION_FIELDS);
            if (citation.containsKey("text") && (citation.containsKey("doi") || citation.containsKey("url"))) {
                citations.add(citation);
            }
        }
        return citations;
    }

    private static Map<String, Object> fields(YamlValue value, List<String> names) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : names) {
            String s = value.get(name).string();
            if (s != null && !s.isBlank()) {
                fields.put(name, s);
            }
        }
        return fields;
    }

    private static List<Object> strings(YamlValue list) {
        List<Object> strings = new ArrayList<>();
        List<YamlValue> items = list.list();
        for (YamlValue item : items == null ? List.<YamlValue>of() : items) {
            if (item.string() != null) {
                strings.add(item.string());
            }
        }
        return strings;
    }

    /**
     * The ids of the original's tensors, where they are valid format 0.5 ids (0.4 names mostly are), and the names of
     * their channels, which only format 0.5 gives.
     */
    ExportTensors.Names names() {
        ExportTensors.Names own = ExportTensors.Names.OWN;
        List<YamlValue> inputs = rdf.get("inputs").list() == null ? List.of() : rdf.get("inputs").list();
        YamlValue input = first(rdf.get("inputs"));
        YamlValue output = first(rdf.get("outputs"));
        return new ExportTensors.Names(id(input, own.input()), inputs.size() > 1 ? id(inputs.get(1), own.mask())
                : own.mask(), id(output, own.output()), channelNames(input), channelNames(output));
    }

    private String id(YamlValue tensor, String fallback) {
        String id = tensor == null ? null : tensor.get(v05 ? "id" : "name").string();
        return id != null && id.matches(SpecTerms.IDENTIFIER) && id.length() <= 32 ? id : fallback;
    }

    private List<String> channelNames(YamlValue tensor) {
        if (!v05 || tensor == null) {
            return null;
        }
        for (YamlValue a : tensor.get("axes").list() == null ? List.<YamlValue>of() : tensor.get("axes").list()) {
            if ("channel".equals(a.get("type").string())) {
                List<Object> names = strings(a.get("channel_names"));
                return names.isEmpty() ? null : names.stream().map(String::valueOf).toList();
            }
        }
        return null;
    }

    /**
     * The sizes the input takes along an axis (b, y or x) as the original declares them, or null where it leaves
     * the size open.
     */
    SizeRule inputSize(char axis) {
        YamlValue input = first(rdf.get("inputs"));
        if (input == null) {
            return null;
        }
        if (v05) {
            YamlValue a = axis05(input, axis);
            if (a == null) {
                return null;
            }
            YamlValue size = a.get("size");
            if (size.integer() != null) {
                return rule(size.integer(), 0L);
            }
            return rule(size.get("min").integer(), size.get("step").integer());
        }
        int i = axisIndex04(input, axis);
        YamlValue shape = input.get("shape");
        if (i < 0) {
            return null;
        }
        List<Long> fixed = shape.integers();
        if (fixed != null) {
            return i < fixed.size() ? rule(fixed.get(i), 0L) : null;
        }
        List<Long> min = shape.get("min").integers();
        List<Long> step = shape.get("step").integers();
        return min == null || step == null || i >= min.size() || i >= step.size() ? null
                : rule(min.get(i), step.get(i));
    }

    /** The output halo the original declares along y or x, in output pixels; 0 if none. */
    int outputHalo(char axis) {
        YamlValue output = first(rdf.get("outputs"));
        if (output == null) {
            return 0;
        }
        if (v05) {
            YamlValue a = axis05(output, axis);
            Long halo = a == null ? null : a.get("halo").integer();
            return halo == null ? 0 : halo.intValue();
        }
        int i = axisIndex04(output, axis);
        List<Double> halos = output.get("halo").numbers();
        return i < 0 || halos == null || i >= halos.size() ? 0 : (int) Math.round(halos.get(i));
    }

    /**
     * The PyTorch version the original declares for its TorchScript weights; for a format 0.4 description that
     * states none, what bioimage.io's conversion to 0.5 writes, with a note saying so.
     */
    String pytorchVersion(List<String> notes) {
        String declared = rdf.get("weights").get("torchscript").get("pytorch_version").string();
        if (declared != null) {
            return declared;
        }
        notes.add("The original description states no PyTorch version for its TorchScript weights; the export writes "
                + CONVERTED_PYTORCH_VERSION + ", as bioimage.io's own conversion from format " + formatVersion()
                + " does.");
        return CONVERTED_PYTORCH_VERSION;
    }

    private static YamlValue first(YamlValue tensors) {
        List<YamlValue> list = tensors.list();
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    /** A format 0.5 axis by letter: the batch axis for b, the space axis of that id (x when it has none). */
    private static YamlValue axis05(YamlValue tensor, char letter) {
        List<YamlValue> axes = tensor.get("axes").list();
        for (YamlValue a : axes == null ? List.<YamlValue>of() : axes) {
            String type = a.get("type").string();
            String id = a.get("id").string();
            if (letter == 'b' ? "batch".equals(type)
                    : "space".equals(type) && String.valueOf(letter).equals(id == null ? "x" : id)) {
                return a;
            }
        }
        return null;
    }

    private static int axisIndex04(YamlValue tensor, char letter) {
        String axes = tensor.get("axes").string();
        return axes == null ? -1 : axes.indexOf(letter);
    }

    private static SizeRule rule(Long min, Long step) {
        return min == null || step == null || min < 1 || step < 0 ? null
                : new SizeRule(min.intValue(), step.intValue());
    }
}
