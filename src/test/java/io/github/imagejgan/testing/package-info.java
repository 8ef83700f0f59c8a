/** Small helpers that tests of several packages share; nothing here is part of the plugin. */
package io.github.imagejgan.testing;
