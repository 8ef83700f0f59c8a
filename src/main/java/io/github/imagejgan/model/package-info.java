/**
 * The model package: a single {@code .zip} a user can share, holding {@code model.json} (format version, task,
 * architecture, channels, scale, normalization, tiling, training provenance and metrics) and the generator's
 * parameters, plus, in training checkpoints, what is needed to resume. Reading validates everything and never
 * writes the archive's entries to disk.
 */
package io.github.imagejgan.model;
