package io.github.imagejgan.spark;

import java.io.Serializable;

/**
 * What became of one input file.
 *
 * @param input   the input's location
 * @param output  the output's location
 * @param status  written, skipped (its output existed before the job) or failed
 * @param message why it failed; empty otherwise
 */
record FileResult(String input, String output, Status status, String message) implements Serializable {

    enum Status {
        WRITTEN, SKIPPED, FAILED
    }

    static FileResult written(String input, String output) {
        return new FileResult(input, output, Status.WRITTEN, "");
    }

    static FileResult skipped(String input, String output) {
        return new FileResult(input, output, Status.SKIPPED, "");
    }

    static FileResult failed(String input, String output, String message) {
        return new FileResult(input, output, Status.FAILED, message);
    }
}
