/**
 * Synthetic images with known ground truth: fluorescence microscopy phantoms (and, later, medical phantoms) that are
 * deterministic from a seed, for training and for tests that need an answer to compare against.
 */
package io.github.imagejgan.synth;
