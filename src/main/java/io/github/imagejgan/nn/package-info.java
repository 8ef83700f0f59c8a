/**
 * Networks as DJL {@link ai.djl.nn.Block}s, and the losses that train them.
 *
 * <ul>
 * <li>Generators: {@link io.github.imagejgan.nn.UNetGenerator} (denoise, style, inpainting backbone),
 * {@link io.github.imagejgan.nn.ResidualSrGenerator} (super-resolution with pixel shuffle),
 * {@link io.github.imagejgan.nn.InpaintingGenerator} (gated U-Net with a mask channel, composited),
 * {@link io.github.imagejgan.nn.ResidualDenoiser} (small DnCNN-style reference network),
 * {@link io.github.imagejgan.nn.SpadeGenerator} (label image plus noise to image, GauGAN; its label encoding in
 * {@link io.github.imagejgan.nn.LabelMaps});</li>
 * <li>{@link io.github.imagejgan.nn.PatchDiscriminator}: the 70x70 PatchGAN critic, with spectral or instance
 * normalization, and {@link io.github.imagejgan.nn.MultiScaleDiscriminator}, PatchGANs at several scales that also
 * return their features for the feature-matching loss;</li>
 * <li>{@link io.github.imagejgan.nn.NetworkSpec}: a serializable description of each architecture that builds the
 * block and states its channels, scale, size divisor and receptive field (from which the tiling halo follows);</li>
 * <li>{@link io.github.imagejgan.nn.TorchScriptNetwork}: a TorchScript module trained elsewhere, in any layout of
 * batch, channel, y and x, as a generator ({@link io.github.imagejgan.nn.TorchScriptSpec}); and
 * {@link io.github.imagejgan.nn.NetworkProbe}, which measures such a module's channels, scale, size divisor and
 * receptive field by running it;</li>
 * <li>losses: {@link io.github.imagejgan.nn.AdversarialLoss} (LSGAN, hinge, non-saturating BCE),
 * {@link io.github.imagejgan.nn.ReconstructionLoss} (L1, SSIM), feature matching
 * ({@link io.github.imagejgan.nn.MultiScaleDiscriminator#featureMatching});</li>
 * <li>{@link io.github.imagejgan.nn.AdamOptimizer}, which updates a network's parameters and saves its state: the
 * trainers use it, and so does prediction, which fits a copy of an inpainting network to the image it fills (with
 * {@link io.github.imagejgan.nn.ReconstructionLoss#logL2Over}, the log-l2 loss over the pixels whose truth is
 * known).</li>
 * </ul>
 *
 * The PyTorch engine of DJL lacks some layers (instance norm, spectral norm, transposed convolution, pixel shuffle);
 * the small blocks here supply them from operations it does have.
 *
 * <p>May use {@code task} (and DJL); it knows nothing of images, models or training data.
 */
package io.github.imagejgan.nn;
