package dev.cutover.cli;

import dev.cutover.api.CutoverVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code cutover --version}: the same string as the {@code cutoverVersion} fields of every output. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"cutover " + CutoverVersion.current()};
    }
}
