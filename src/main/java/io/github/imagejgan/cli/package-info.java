/**
 * Command-line entry points: headless runs over files and folders, and the demo that shows the whole path working on
 * a fresh machine. {@link io.github.imagejgan.cli.Main} dispatches each subcommand ({@code denoise}, {@code train},
 * {@code evaluate}, {@code models}, {@code import-torchscript}, ...) to a {@code *Subcommand} class; they are named so
 * to tell them from the SciJava commands of {@code command}, which they resemble but are not.
 *
 * <p>A front end: may use every package below it except {@code ui} (it runs headless), not the other front ends
 * ({@code command}, {@code ij1}).
 */
package io.github.imagejgan.cli;
