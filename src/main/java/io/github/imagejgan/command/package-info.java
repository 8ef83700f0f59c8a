/**
 * The Fiji commands under {@code Plugins > GAN}: thin SciJava {@code @Plugin} classes of parameters whose
 * {@code run()} calls the core ({@code predict}, {@code train}, {@code model}, {@code metrics}). They never assume a
 * display: the same commands serve dialogs, macros, scripts and headless runs. A problem the user can fix cancels
 * the command with a message saying what to do.
 *
 * <p>A front end: may use every package below it ({@code ui}, {@code interop}, {@code synth}, {@code train},
 * {@code predict}, {@code model}, {@code metrics}, {@code degrade}, {@code nn}, {@code image}, {@code task}), but not
 * the other front ends ({@code ij1}, {@code cli}); it is the only package that knows SciJava.
 */
package io.github.imagejgan.command;
