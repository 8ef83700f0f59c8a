package io.github.imagejgan.task;

/**
 * Receives progress from a long operation and tells it whether to stop.
 * Implementations must be cheap: they are called once per tile or training step.
 */
public interface TaskMonitor {

    /** A monitor that reports nowhere and never cancels. */
    TaskMonitor NONE = new TaskMonitor() {
        @Override
        public void progress(long done, long total, String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /**
     * Reports that {@code done} of {@code total} units of work are finished.
     *
     * @param message short human-readable description of the current stage
     */
    void progress(long done, long total, String message);

    /**
     * Reports what an operation found in the data and did about it (a kind of noise found and its bias removed, a
     * camera's hot pixels replaced): lines that should outlast the progress message, which the command line prints
     * and Fiji's Log window keeps. Nothing by default.
     */
    default void report(String finding) {
    }

    /** @return true once the user asked the operation to stop */
    boolean isCancelled();

    /**
     * Throws {@link CancelledException} if cancellation was requested; operations call this between units of
     * work so that a cancel takes effect within one tile or one step.
     */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }
}
