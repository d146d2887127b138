package dev.outpost.cli.command;

import picocli.CommandLine.IVersionProvider;

/** The version the build wrote into the launcher's manifest. */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"outpost " + (version == null ? "(development build)" : version)};
    }
}
