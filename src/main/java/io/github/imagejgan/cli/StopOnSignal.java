package io.github.imagejgan.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.imagejgan.task.TaskMonitor;

/**
 * Stops a command-line training on SIGTERM (sent by {@code timeout}, Slurm, Spark and {@code kill}) the way Ctrl-C
 * (SIGINT) does: both start the JVM's shutdown, whose hook here asks the loop to stop after the current step and
 * then holds the JVM up until the command has saved its checkpoint and model, printed where they are and closed its
 * native memory. The JVM then exits with 128 + the signal's number (143 for SIGTERM, 130 for Ctrl-C).
 *
 * <p>NB: the hook must not return earlier. Once hooks are done the JVM exits, and libtorch's exit-time destructors
 * then free memory under a step still running in native code: the run dies in {@code torchBackward} (SIGSEGV)
 * instead of saving.
 */
final class StopOnSignal implements TaskMonitor, AutoCloseable {

    private final AtomicBoolean stop = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stopAndWait, "imagej-gan stop training");

    private StopOnSignal() {
    }

    /** Watches for the signals until {@link #close}. */
    static StopOnSignal install() {
        StopOnSignal watch = new StopOnSignal();
        Runtime.getRuntime().addShutdownHook(watch.hook);
        return watch;
    }

    private void stopAndWait() {
        stop.set(true);
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void progress(long done, long total, String message) {
    }

    @Override
    public boolean isCancelled() {
        return stop.get();
    }

    /** The command is done with native memory: a shutdown under way may finish. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook is running and returns now.
        }
    }
}
