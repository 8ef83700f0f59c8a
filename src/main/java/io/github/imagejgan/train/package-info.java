/**
 * Training: the adversarial trainers (paired pix2pix-style and unpaired CycleGAN), their optimizer and schedule,
 * checkpoints that resume exactly, patch datasets from folders of images, and (in {@code train.degrade}) the
 * degradations that make training inputs from clean images.
 */
package io.github.imagejgan.train;
