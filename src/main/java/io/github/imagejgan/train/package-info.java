/**
 * Training: degradations that turn clean images into realistic inputs (noise, blur, masks), and the loops that fit
 * networks to image pairs.
 */
package io.github.imagejgan.train;
