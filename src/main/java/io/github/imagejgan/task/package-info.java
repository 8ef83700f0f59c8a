/**
 * Progress reporting and cancellation shared by every long operation (prediction, training, batch runs).
 * Kept apart from any UI so that the same core reports to a Fiji status bar, a training chart, a macro log
 * or a headless console.
 */
package io.github.imagejgan.task;
