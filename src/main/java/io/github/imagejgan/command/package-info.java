/**
 * The Fiji commands under {@code Plugins > GAN}: thin SciJava {@code @Plugin} classes of parameters whose
 * {@code run()} calls the core ({@code predict}, {@code train}, {@code model}, {@code metrics}). They never assume a
 * display: the same commands serve dialogs, macros, scripts and headless runs. A problem the user can fix cancels
 * the command with a message saying what to do.
 */
package io.github.imagejgan.command;
