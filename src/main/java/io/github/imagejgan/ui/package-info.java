/**
 * Swing windows of the Fiji front end: {@link io.github.imagejgan.ui.TrainingWindow}, the JFreeChart chart of a
 * training run's losses and validation PSNR with a preview and a stop button. Windows listen to the core through
 * its interfaces ({@code train.TrainingListener}, {@code task.TaskMonitor}) and so may use {@code train} and
 * {@code task}; the core never knows about them, and the commands open them only when a display exists.
 */
package io.github.imagejgan.ui;
