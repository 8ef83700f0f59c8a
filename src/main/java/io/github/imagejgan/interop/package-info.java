/**
 * Models from and to other tools: importing TorchScript generators (pix2pix, CycleGAN, CARE, Noise2Void, ... saved
 * from Python) and bioimage.io model zips (formats 0.4 and 0.5) as model packages, and exporting model packages to
 * TorchScript and to bioimage.io.
 *
 * <ul>
 * <li>{@link io.github.imagejgan.interop.ModelImporter} and {@link io.github.imagejgan.interop.ModelExporter}: the
 * entry points for commands and scripts, with their options, results and errors
 * ({@link io.github.imagejgan.interop.UnsupportedModelException} lists every unsupported feature at once);</li>
 * <li>{@link io.github.imagejgan.interop.NpyArray}: NumPy arrays, the test tensors of both formats;</li>
 * <li>{@code interop.torchscript}: TorchScript modules in and out;</li>
 * <li>{@code interop.bioimageio}: bioimage.io model zips in and out, with a schema check written from the published
 * specification.</li>
 * </ul>
 *
 * The sub-packages use the options, results and errors declared here, and the entry points here choose between
 * them. All of it sits above {@code model}: it may use {@code synth} and {@code degrade} (an export without a test
 * image makes one from the model's domain), {@code predict} (an import runs the model on its own test tensors),
 * {@code model}, {@code nn}, {@code image} and {@code task}, and nothing below knows about it. Archives are
 * read entry by entry into memory with size limits and never extracted; temporary files live in temporary folders
 * that are removed afterwards.
 */
package io.github.imagejgan.interop;
