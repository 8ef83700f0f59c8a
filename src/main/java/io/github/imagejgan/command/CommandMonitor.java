package io.github.imagejgan.command;

import org.scijava.app.StatusService;

import ij.IJ;
import io.github.imagejgan.task.TaskMonitor;

/**
 * Progress to the status bar (SciJava's, and ImageJ 1.x's progress bar) and cancellation by the Esc key, the
 * ImageJ way; also cancelled when the running thread is interrupted.
 */
final class CommandMonitor implements TaskMonitor {

    private final StatusService status;

    CommandMonitor(StatusService status) {
        this.status = status;
        IJ.resetEscape();
    }

    @Override
    public void report(String finding) {
        IJ.log(finding);
    }

    @Override
    public void progress(long done, long total, String message) {
        if (status != null) {
            status.showStatus((int) Math.min(done, Integer.MAX_VALUE), (int) Math.min(total, Integer.MAX_VALUE),
                    message + " (Esc cancels)");
        }
        IJ.showProgress(done >= total ? 1.0 : done / (double) total);
    }

    @Override
    public boolean isCancelled() {
        return IJ.escapePressed() || Thread.currentThread().isInterrupted();
    }
}
