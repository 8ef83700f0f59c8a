/**
 * The model package: a single {@code .zip} a user can share, holding {@code model.json} (format version, task,
 * architecture, channels, scale, normalization, tiling, training provenance and metrics) and the generator's
 * weights ({@code generator.params} for networks built here, {@code model.pt} for imported TorchScript networks),
 * plus, in training checkpoints, what is needed to resume. Imported models may declare their own value processing
 * ({@link io.github.imagejgan.model.DeclaredProcessing}, bioimage.io's pre- and postprocessing) instead of percentile
 * normalization. Reading validates everything and never writes the archive's entries to disk
 * ({@link io.github.imagejgan.model.SafeZip}).
 *
 * <p>May use {@code nn}, {@code image} and {@code task}; running a model is {@code predict}'s, import and export
 * {@code interop}'s, both above this package.
 */
package io.github.imagejgan.model;
