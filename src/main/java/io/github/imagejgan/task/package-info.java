/**
 * Progress reporting and cancellation shared by every long operation (prediction, training, batch runs).
 * Kept apart from any UI so that the same core reports to a Fiji status bar, a training chart, a macro log
 * or a headless console.
 *
 * <p>Uses nothing but the JDK: it is the bottom of the package rules, which every other package may use.
 */
package io.github.imagejgan.task;
