package io.github.imagejgan.command;

import java.awt.GraphicsEnvironment;
import java.util.function.Consumer;

import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.train.TrainingListener;
import io.github.imagejgan.train.TrainingLog;
import io.github.imagejgan.ui.TrainingWindow;

/**
 * Where a training command shows its progress: with a display, a training window (losses, validation, preview, time
 * left, and its Stop button as the monitor); headless, the log and no way to stop but the process. Closing it tells
 * the window that the run is over.
 */
final class TrainingProgress implements AutoCloseable {

    private final TrainingWindow window;
    private final TrainingListener listener;

    TrainingProgress(String name, Consumer<String> log) {
        this.window = GraphicsEnvironment.isHeadless() ? null : new TrainingWindow(name);
        this.listener = window != null ? window : new TrainingLog(log);
    }

    TrainingListener listener() {
        return listener;
    }

    TaskMonitor monitor() {
        return window != null ? window : TaskMonitor.NONE;
    }

    @Override
    public void close() {
        if (window != null) {
            window.finished("Done");
        }
    }
}
