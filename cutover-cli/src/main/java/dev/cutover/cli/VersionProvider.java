package dev.cutover.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = CutoverCommand.class.getPackage().getImplementationVersion();
        return new String[] {"cutover " + (version == null ? "(development build)" : version)};
    }
}
