/**
 * The ImageJ 1.x bridge: plain {@code PlugIn}s, registered by the {@code plugins.config} of their own small jar
 * ({@code imagej-gan-<version>-ij1_.jar}), that make the commands macro-callable in ImageJ 1.x without SciJava,
 * with the same names and macro keys as the Fiji commands and the same core behind them. Fiji gets the SciJava
 * commands from the main jar and never installs this one, so its menu holds each command once.
 *
 * <p>A front end: may use every package below it, not the other front ends ({@code command}, {@code cli}) or
 * SciJava.
 */
package io.github.imagejgan.ij1;
