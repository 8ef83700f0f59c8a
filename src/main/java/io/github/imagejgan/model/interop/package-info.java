/**
 * Models from and to other tools: importing TorchScript generators (pix2pix, CycleGAN, CARE, Noise2Void, ... saved
 * from Python) and bioimage.io model zips (formats 0.4 and 0.5) as model packages, and exporting model packages to
 * TorchScript and to bioimage.io.
 *
 * <ul>
 * <li>{@link io.github.imagejgan.model.interop.ModelImporter} and
 * {@link io.github.imagejgan.model.interop.ModelExporter}: the entry points for commands and scripts;</li>
 * <li>TorchScript import measures what the user does not state (channels, scale, size divisor, receptive field) by
 * running the module ({@link io.github.imagejgan.nn.NetworkProbe});</li>
 * <li>bioimage.io import maps axes, sizes, halo and pre/postprocessing onto the package
 * ({@link io.github.imagejgan.model.DeclaredProcessing}), lists every unsupported feature at once
 * ({@link io.github.imagejgan.model.interop.UnsupportedModelException}), and checks the model against its own test
 * tensors;</li>
 * <li>a schema check written from the published bioimage.io specification guards both directions;</li>
 * <li>export of networks built here runs {@code export_torchscript.py} (a resource beside these classes) with
 * Python and PyTorch, which rebuilds the network layer by layer; the result is checked in Python and again after
 * loading it back through DJL.</li>
 * </ul>
 *
 * Archives are read entry by entry into memory with size limits and never extracted; temporary files live in
 * temporary folders that are removed afterwards.
 */
package io.github.imagejgan.model.interop;
