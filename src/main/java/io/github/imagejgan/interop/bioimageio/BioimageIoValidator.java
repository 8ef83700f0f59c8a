package io.github.imagejgan.interop.bioimageio;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Checks a bioimage.io model archive against the model specification, formats 0.4 and 0.5, as published in
 * {@code bioimageio.spec} ({@code model/v0_4.py}, {@code model/v0_5.py}, {@code generic/v0_3.py}): required fields and
 * their types, tensor ids and axes, sizes and the references between them, processing steps and their arguments,
 * the files the description names (present in the archive, SHA-256 where given), and the test tensors against the
 * axes and sizes they must fit. Each problem is reported as {@code field: what is wrong}.
 *
 * <p>The fields both formats share are checked by {@link GenericFieldsCheck}, the tensors by {@link Format04Check}
 * or {@link Format05Check}, and their processing steps by {@link ProcessingCheck}.
 *
 * <p>It is a reading of the specification, not its reference implementation: it checks what decides whether tools
 * can use the model, and leaves out checks that need the internet (URLs, ORCIDs, licence metadata).
 */
final class BioimageIoValidator {

    private BioimageIoValidator() {
    }

    /** Every way the archive deviates from the specification; empty if none was found. */
    static List<String> problems(BioimageIoZip zip) throws IOException {
        Problems problems = new Problems();
        YamlValue rdf = zip.rdf();
        YamlValue version = rdf.get("format_version");
        String fv = version.string();
        boolean v05 = fv != null && fv.matches("0\\.5\\.\\d+");
        boolean v04 = fv != null && fv.matches("0\\.4\\.\\d+");
        if (!v04 && !v05) {
            problems.add(version, fv == null ? "required" : "unknown format version " + fv + " (0.4.x and 0.5.x are "
                    + "checked)");
            return problems.list();
        }
        ArchiveFiles files = new ArchiveFiles(zip, problems);
        GenericFieldsCheck generic = new GenericFieldsCheck(rdf, problems, files, v05);
        generic.check();
        List<YamlValue> inputs = generic.tensors(rdf.get("inputs"));
        List<YamlValue> outputs = generic.tensors(rdf.get("outputs"));
        Set<String> ids = generic.tensorIds(SpecTerms.concat(inputs, outputs));
        FormatCheck.of(v05, rdf, problems, files).check(inputs, outputs, ids);
        return problems.list();
    }
}
