/**
 * Network building blocks as DJL {@link ai.djl.nn.Block}s: generators that restore images and, later, the
 * discriminators and losses that train them adversarially.
 */
package io.github.imagejgan.nn;
