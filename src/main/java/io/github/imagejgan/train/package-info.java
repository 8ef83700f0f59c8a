/**
 * Training: the adversarial trainers (paired pix2pix-style {@link io.github.imagejgan.train.PairedGanTrainer},
 * unpaired {@link io.github.imagejgan.train.CycleGanTrainer}, and label-to-image
 * {@link io.github.imagejgan.train.SpadeTrainer} on {@link io.github.imagejgan.train.SynthesisPatches}) over the
 * loop of {@link io.github.imagejgan.train.AdversarialTrainer}, their settings
 * ({@link io.github.imagejgan.train.GanConfig}: networks, losses, optimizer, schedule), checkpoints that resume
 * exactly ({@link io.github.imagejgan.train.Checkpoint} reads and writes them, apart from the loop), and patch
 * datasets from folders of images whose inputs come from clean images through the degradations of
 * {@code io.github.imagejgan.degrade}. What users ask for from the dialog or the
 * command line is a {@link io.github.imagejgan.train.TrainingRequest}, with the defaults of
 * {@link io.github.imagejgan.train.TrainingDefaults}.
 *
 * <p>May use {@code nn}, {@code model}, {@code image}, {@code degrade} and {@code task}; never the front ends or
 * {@code synth}.
 */
package io.github.imagejgan.train;
