package io.github.imagejgan.train;

import java.util.concurrent.atomic.AtomicBoolean;

/** Admits one training at a time per Java process, since the engine allows one gradient recorder at a time. */
final class TrainingLock {

    private static final AtomicBoolean BUSY = new AtomicBoolean();

    private TrainingLock() {
    }

    static void acquire() {
        if (!BUSY.compareAndSet(false, true)) {
            throw new TrainingBusyException();
        }
    }

    static void release() {
        BUSY.set(false);
    }
}
