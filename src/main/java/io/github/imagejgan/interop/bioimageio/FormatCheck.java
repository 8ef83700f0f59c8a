package io.github.imagejgan.interop.bioimageio;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The check of a description's tensors, which each format version writes its own way ({@link Format04Check},
 * {@link Format05Check}): what both need to hand, and the sizes of the test tensors found so far, which later
 * tensors' sizes may refer to.
 */
abstract class FormatCheck {

    protected final YamlValue rdf;
    protected final Problems problems;
    protected final ArchiveFiles files;
    protected final ProcessingCheck processing;
    /** Axis sizes of the test tensors, by tensor id (0.4: name) and axis id (0.4: letter). */
    protected final Map<String, Map<String, Long>> testSizes = new HashMap<>();

    protected FormatCheck(YamlValue rdf, Problems problems, ArchiveFiles files, boolean v05) {
        this.rdf = rdf;
        this.problems = problems;
        this.files = files;
        this.processing = new ProcessingCheck(problems, v05);
    }

    static FormatCheck of(boolean v05, YamlValue rdf, Problems problems, ArchiveFiles files) {
        return v05 ? new Format05Check(rdf, problems, files) : new Format04Check(rdf, problems, files);
    }

    /**
     * Checks the tensors that are maps.
     *
     * @param ids the ids (0.4: names) of all tensors
     */
    abstract void check(List<YamlValue> inputs, List<YamlValue> outputs, Set<String> ids) throws IOException;
}
