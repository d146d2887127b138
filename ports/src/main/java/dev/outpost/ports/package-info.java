/**
 * The outbound ports the core needs: stores, the job queue and, in {@code platform} and {@code storage}, the plugin
 * SPIs. Every interface states its contract; each has an abstract contract test in this module's test-jar that
 * every implementation, real or fake, extends.
 */
package dev.outpost.ports;
