package io.github.imagejgan.image;

import ai.djl.Device;

/**
 * A device and the reason it was chosen, for the log line every run prints.
 */
public record DeviceChoice(Device device, String description) {
}
