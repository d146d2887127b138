/** The outpost command line: picocli commands over the application's use cases, wired with Guice. */
package dev.outpost.cli;
