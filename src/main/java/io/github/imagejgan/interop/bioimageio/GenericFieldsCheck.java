package io.github.imagejgan.interop.bioimageio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields of a model description that formats 0.4 and 0.5 share ({@code generic/v0_3.py} and the common part of
 * the model specifications): type, name, description, authors, citations, licence, documentation, covers, weights
 * and the list of tensors with their ids. Where 0.5 is stricter (name and description lengths, a required type and
 * PyTorch version) or names a field differently (tensor {@code id} for 0.4's {@code name}), the format decides.
 */
final class GenericFieldsCheck {

    private static final Set<String> WEIGHT_FORMATS = Set.of("keras_hdf5", "onnx", "pytorch_state_dict",
            "tensorflow_js", "tensorflow_saved_model_bundle", "torchscript");

    private final YamlValue rdf;
    private final Problems problems;
    private final ArchiveFiles files;
    private final boolean v05;

    GenericFieldsCheck(YamlValue rdf, Problems problems, ArchiveFiles files, boolean v05) {
        this.rdf = rdf;
        this.problems = problems;
        this.files = files;
        this.v05 = v05;
    }

    /** Checks every field but the tensors. */
    void check() throws IOException {
        typeAndName();
        people(rdf.get("authors"));
        citations(rdf.get("cite"));
        YamlValue license = rdf.get("license");
        if (problems.requireString(license) && !license.string().matches("[A-Za-z0-9.+\\-]+")) {
            problems.add(license, "is not an SPDX license identifier");
        }
        YamlValue documentation = rdf.get("documentation");
        if (problems.requireString(documentation)) {
            if (!documentation.string().endsWith(".md")) {
                problems.add(documentation, "must be a Markdown file (.md)");
            }
            files.file(documentation);
        }
        covers(rdf.get("covers"));
        if (!v05 && rdf.get("timestamp").isMissing()) {
            problems.add(rdf.get("timestamp"), "required");
        }
        weights(rdf.get("weights"));
    }

    private void typeAndName() {
        YamlValue type = rdf.get("type");
        if (v05 && type.isMissing()) {
            problems.add(type, "required");
        } else if (!type.isMissing() && !"model".equals(type.string())) {
            problems.add(type, "must be 'model'");
        }
        YamlValue name = rdf.get("name");
        if (problems.requireString(name)) {
            String n = name.string();
            if (v05 && (n.length() < 5 || n.length() > 128)) {
                problems.add(name, "must have 5 to 128 characters, has " + n.length());
            }
            if (v05 && !n.matches("[A-Za-z0-9_\\- ()]*")) {
                problems.add(name, "may only contain letters, digits, underscore, minus, parentheses and spaces");
            }
        }
        YamlValue description = rdf.get("description");
        if (problems.requireString(description) && v05 && description.string().length() > 1024) {
            problems.add(description, "longer than 1024 characters");
        }
    }

    private void people(YamlValue authors) {
        for (YamlValue a : problems.nonEmptyList(authors, "list")) {
            if (!a.isMap()) {
                problems.add(a, "must be a map with a name");
            } else {
                problems.requireString(a.get("name"));
            }
        }
    }

    private void citations(YamlValue cite) {
        for (YamlValue c : problems.nonEmptyList(cite, "list")) {
            if (!c.isMap()) {
                problems.add(c, "must be a map with text and doi or url");
                continue;
            }
            problems.requireString(c.get("text"));
            if (!c.has("doi") && !c.has("url")) {
                problems.add(c, "needs a doi or a url");
            }
        }
    }

    private void covers(YamlValue covers) throws IOException {
        for (YamlValue cover : problems.optionalList(covers, "list of image files")) {
            if (problems.requireString(cover)) {
                if (!cover.string().toLowerCase().matches(".*\\.(png|jpe?g|gif|svg)$")) {
                    problems.add(cover, "must be a .png, .jpg, .jpeg, .gif or .svg image");
                }
                files.file(cover);
            }
        }
    }

    private void weights(YamlValue weights) throws IOException {
        if (!weights.isMap() || weights.keys().isEmpty()) {
            problems.add(weights, weights.isMissing() ? "required" : "must map weight formats to weight files");
            return;
        }
        for (String format : weights.keys()) {
            YamlValue entry = weights.get(format);
            if (!WEIGHT_FORMATS.contains(format)) {
                problems.add(entry, "unknown weights format (known: " + new TreeSet<>(WEIGHT_FORMATS) + ")");
                continue;
            }
            if (!entry.isMap()) {
                problems.add(entry, "must be a map with a source");
                continue;
            }
            YamlValue source = entry.get("source");
            byte[] content = problems.requireString(source) ? files.file(source) : null;
            files.sha256(entry.get("sha256"), content);
            String parent = entry.get("parent").string();
            if (parent != null && (parent.equals(format) || !weights.keys().contains(parent))) {
                problems.add(entry.get("parent"), "must name another weights format of this model");
            }
            if (v05 && format.equals("torchscript") && entry.get("pytorch_version").string() == null) {
                problems.add(entry.get("pytorch_version"), "required");
            }
        }
    }

    /** The tensors of a required list that are maps, as the format checks expect them. */
    List<YamlValue> tensors(YamlValue tensors) {
        List<YamlValue> list = problems.nonEmptyList(tensors, "list");
        List<YamlValue> maps = new ArrayList<>();
        for (YamlValue t : list) {
            if (t.isMap()) {
                maps.add(t);
            } else {
                problems.add(t, "must be a map");
            }
        }
        return maps;
    }

    /** The ids (0.5) or names (0.4) of all tensors, after checking that each is a unique identifier. */
    Set<String> tensorIds(List<YamlValue> tensors) {
        Set<String> ids = new HashSet<>();
        for (YamlValue t : tensors) {
            YamlValue id = t.get(v05 ? "id" : "name");
            if (problems.requireString(id)) {
                if (!id.string().matches(SpecTerms.IDENTIFIER) || v05 && id.string().length() > 32) {
                    problems.add(id, "must be a lower-case identifier (a-z, 0-9, _)"
                            + (v05 ? " of at most 32 characters" : ""));
                }
                if (!ids.add(id.string())) {
                    problems.add(id, "duplicate tensor " + (v05 ? "id" : "name") + " " + id.string());
                }
            }
        }
        return ids;
    }
}
