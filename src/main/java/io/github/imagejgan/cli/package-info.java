/**
 * Command-line entry points: headless runs over files and folders, and the demo that shows the whole path working on
 * a fresh machine.
 */
package io.github.imagejgan.cli;
