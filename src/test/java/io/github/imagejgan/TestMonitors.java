package io.github.imagejgan;

import io.github.imagejgan.task.TaskMonitor;

/** Task monitors for tests: one cancelled from the start, and one that passes every report on. */
public final class TestMonitors {

    /** Reports of a long operation: work done, total work and the message. */
    @FunctionalInterface
    public interface Reports {
        void progress(long done, long total, String message);
    }

    /** Cancelled before the operation starts. */
    public static final TaskMonitor CANCELLED = new TaskMonitor() {
        @Override
        public void progress(long done, long total, String message) {
        }

        @Override
        public boolean isCancelled() {
            return true;
        }
    };

    private TestMonitors() {
    }

    /** Passes every report to {@code reports}; never cancels. */
    public static TaskMonitor reporting(Reports reports) {
        return new TaskMonitor() {
            @Override
            public void progress(long done, long total, String message) {
                reports.progress(done, total, message);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
    }
}
