/**
 * The outpost command line: picocli commands over the application's use cases, wired by hand ({@code Wiring}). This
 * package is the entry point and the wiring; {@code command} holds the commands, {@code runtime} what they share
 * (the core, the output, the options), {@code render} how results and progress look.
 */
package dev.outpost.cli;
