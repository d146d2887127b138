package dev.outpost.storage;

/** {@link CrashTest} on H2 (the killed process served the file to the others). */
class H2CrashTest extends CrashTest {
    @Override
    String technology() {
        return "h2";
    }
}
