package io.github.imagejgan.interop;

import java.nio.file.Path;
import java.util.List;

import io.github.imagejgan.model.ModelDescriptor;

/**
 * A model package written by an import.
 *
 * @param target     the package file
 * @param descriptor what it holds
 * @param notes      what was inferred or adapted, and anything the user should know, one sentence each
 */
public record ImportResult(Path target, ModelDescriptor descriptor, List<String> notes) {

    public ImportResult {
        notes = List.copyOf(notes);
    }
}
