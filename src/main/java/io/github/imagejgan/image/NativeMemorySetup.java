package io.github.imagejgan.image;

import java.util.Optional;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Asks libtorch, before its first CPU allocation, to back large tensors with transparent huge pages.
 *
 * <p>Why: in a Java thread, glibc serves every allocation larger than its arena heaps (64 MB) with a fresh
 * {@code mmap} and returns it on free, so each activation of a large tile is new memory that the kernel must fault
 * in and zero page by page, every tile again. Python escapes this on its main thread, whose arena reuses freed memory;
 * on this 2-core machine the faults made a 1024 x 1024 forward 2 to 4 times slower than the same forward in Python.
 * libtorch's {@code THP_MEM_ALLOC_ENABLE} makes it request 2 MB pages for tensors of 2 MB and more, which cuts the
 * faults 512-fold. It is read once, at libtorch's first allocation, so it is set here through the C library (Java
 * cannot change its own environment) before the engine starts. A value the user set is kept; where the C library or
 * the setting is missing (not Linux), nothing changes. Launching with {@code MALLOC_ARENA_MAX=1} removes the faults
 * altogether (the command-line launcher does; see the README's performance notes).
 */
public final class NativeMemorySetup {

    /** libtorch's switch for huge-page tensor allocations (Linux). */
    public static final String HUGE_PAGES = "THP_MEM_ALLOC_ENABLE";

    private static volatile boolean done;
    private static volatile boolean advised;

    private NativeMemorySetup() {
    }

    /** The C library functions used here. */
    interface CLibrary extends Library {

        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    /** Sets the switch unless it is already set; cheap after the first call. Never fails. */
    public static void prepare() {
        if (done) {
            return;
        }
        synchronized (NativeMemorySetup.class) {
            if (!done) {
                CLibrary c = cLibrary();
                if (c != null) {
                    c.setenv(HUGE_PAGES, "1", 0);
                }
                done = true;
            }
        }
    }

    /**
     * Once per session, on the CPU under Linux without {@code MALLOC_ARENA_MAX}: how to make large images faster;
     * otherwise nothing.
     */
    public static Optional<String> advice(boolean gpu) {
        if (gpu || !Platform.isLinux() || System.getenv("MALLOC_ARENA_MAX") != null || advised) {
            return Optional.empty();
        }
        advised = true;
        return Optional.of("imagej-gan: tip: large images run up to 1.6 times faster on the CPU when Fiji is started "
                + "with MALLOC_ARENA_MAX=1 (e.g. MALLOC_ARENA_MAX=1 ./ImageJ-linux64; README, Performance).");
    }

    /** The process environment's current value of a variable, as native code sees it; null if unset or unknown. */
    public static String nativeEnvironment(String name) {
        CLibrary c = cLibrary();
        return c == null ? null : c.getenv(name);
    }

    private static CLibrary cLibrary() {
        if (!Platform.isLinux()) {
            return null;
        }
        try {
            return Native.load("c", CLibrary.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null;
        }
    }
}
