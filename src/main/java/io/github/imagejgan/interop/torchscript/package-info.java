/**
 * TorchScript modules in and out of model packages.
 *
 * <ul>
 * <li>{@link io.github.imagejgan.interop.torchscript.TorchScriptImporter}: a module saved from Python becomes a
 * model package; what the user does not state (channels, scale, size divisor, receptive field) is measured by
 * running the module ({@link io.github.imagejgan.nn.NetworkProbe});</li>
 * <li>{@link io.github.imagejgan.interop.torchscript.TorchScriptExporter}: an imported module is passed on
 * unchanged; a network built here is rebuilt layer by layer by {@code export_torchscript.py} (a resource beside
 * these classes), run with Python and PyTorch through {@code PythonTorch}, and the result is checked in Python and
 * again after loading it back through DJL.</li>
 * </ul>
 *
 * Uses {@code interop}'s options and results, {@code model} and {@code nn}; never {@code interop.bioimageio}, which
 * builds its weights on this package.
 */
package io.github.imagejgan.interop.torchscript;
