package io.github.imagejgan.interop;

import java.util.List;

import io.github.imagejgan.model.ModelFormatException;

/**
 * A model description that is readable but asks for something this plugin cannot do (3D axes, several inputs,
 * weights other than TorchScript, processing that needs the whole output, ...). The message lists every reason at
 * once, so that a user sees the whole picture instead of fixing one problem after another.
 */
public class UnsupportedModelException extends ModelFormatException {

    private final List<String> reasons;

    public UnsupportedModelException(String model, List<String> reasons) {
        super(model + " cannot run here:\n - " + String.join("\n - ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    /** Every reason, one sentence each. */
    public List<String> reasons() {
        return reasons;
    }
}
