/**
 * bioimage.io model zips (formats 0.4 and 0.5) in and out of model packages.
 *
 * <ul>
 * <li>{@link io.github.imagejgan.interop.bioimageio.BioimageIoImporter}: reads the zip's {@code rdf.yaml}
 * ({@code BioimageIoReader}, with one axis and size reader per format version), maps axes, sizes, halo and
 * pre/postprocessing onto the package ({@link io.github.imagejgan.model.DeclaredProcessing}), checks the model
 * against its own test tensors with the {@code predict} path, and keeps the original rdf.yaml in the package;</li>
 * <li>{@link io.github.imagejgan.interop.bioimageio.BioimageIoExporter}: writes a zip of the current format 0.5
 * patch version around the TorchScript weights of {@code interop.torchscript}: its tensors
 * ({@code ExportTensors}), test input ({@code TestInput}) and documents ({@code ExportDocuments}); for a model
 * imported from bioimage.io, what its original description promised ({@code OriginalDescription}: authors,
 * licence, citations, size rules, halo, PyTorch version);</li>
 * <li>{@code BioimageIoValidator}: the schema check written from the published specification, which guards both
 * directions: the checks every version shares, one class per format version and one for the processing steps.</li>
 * </ul>
 *
 * Uses {@code interop}'s options, results and errors, {@code interop.torchscript}, {@code predict}, {@code model},
 * {@code nn}, {@code image} and {@code task}.
 */
package io.github.imagejgan.interop.bioimageio;
