/**
 * Training: the adversarial trainers (paired pix2pix-style and unpaired CycleGAN), their optimizer and schedule,
 * checkpoints that resume exactly, and patch datasets from folders of images whose inputs come from clean images
 * through the degradations of {@code io.github.imagejgan.degrade}.
 */
package io.github.imagejgan.train;
