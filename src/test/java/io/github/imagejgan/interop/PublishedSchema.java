package io.github.imagejgan.interop;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The JSON schema that the bioimage.io specification publishes for model descriptions of format 0.5, as of
 * spec-bioimage-io 0.5.7: {@code bioimageio_schema_model_0.5.json} of the gh-pages branch of
 * github.com/bioimage-io/spec-bioimage-io, deployed from commit 43960dd7 (tagged v0.5.7.1 and v0.5.7.2), kept
 * unchanged as {@code bioimageio_schema_model_0.5.7.json}. Pydantic writes it in JSON Schema draft 2020-12 without
 * naming the draft. The schema covers what fits in JSON Schema (fields, types, patterns, the format version); the
 * rules across fields (sizes, references, test tensors) are checked by the plugin's own validator.
 */
public final class PublishedSchema {

    /** The format version the schema's {@code format_version} constant allows. */
    public static final String FORMAT_VERSION = "0.5.7";

    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(new String(InteropResources.bytes("bioimageio_schema_model_" + FORMAT_VERSION + ".json"),
                    StandardCharsets.UTF_8), InputFormat.JSON);

    private PublishedSchema() {
    }

    /** Every way an rdf.yaml deviates from the published schema, one line each; empty if none. */
    public static List<String> problems(byte[] rdfYaml) {
        return SCHEMA.validate(new String(rdfYaml, StandardCharsets.UTF_8), InputFormat.YAML).stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }
}
