package io.github.imagejgan.train;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds the next batches on background threads while the network trains on the current one. Because batches are a
 * pure function of the step, the order in which threads finish does not matter.
 */
final class Prefetcher implements AutoCloseable {

    private final PatchSource source;
    private final int ahead;
    private final ExecutorService pool;
    private final Map<Long, Future<PatchBatch>> pending = new HashMap<>();

    Prefetcher(PatchSource source, int threads, int ahead) {
        this.source = source;
        this.ahead = ahead;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "imagej-gan patch loader");
            t.setDaemon(true);
            return t;
        });
    }

    /** The batch of {@code step}, waiting for it if needed; schedules the following ones. */
    PatchBatch take(long step) {
        for (long s = step; s <= step + ahead; s++) {
            long next = s;
            pending.computeIfAbsent(next, k -> pool.submit(() -> source.batch(next)));
        }
        Future<PatchBatch> future = pending.remove(step);
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading training patches", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("Loading training patches failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
