package io.github.imagejgan.predict;

import io.github.imagejgan.image.UnsupportedImageException;

/** The image's channels do not fit the model; the message says how to make them fit. */
public class ChannelMismatchException extends UnsupportedImageException {

    public ChannelMismatchException(int modelChannels, int imageChannels) {
        super("This model expects " + modelChannels + " channel" + (modelChannels == 1 ? "" : "s") + "; the image has "
                + imageChannels + ". " + (modelChannels == 1
                        ? "Pick a channel, or convert the image to 8-bit, 16-bit or 32-bit grayscale."
                        : "Use an image with " + modelChannels + " channels (e.g. Image > Color > Merge Channels)."));
    }
}
