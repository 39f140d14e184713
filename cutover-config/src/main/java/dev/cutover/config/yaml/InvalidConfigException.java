package dev.cutover.config.yaml;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.util.Objects;

/** A {@code CONFIG_INVALID} failure that knows where in which file it is, for callers that collect rather than stop. */
public final class InvalidConfigException extends CutoverException {
    private final transient Location location;
    private final String path;
    private final String problem;

    InvalidConfigException(Location location, String path, String problem, String fix) {
        super(
                Reason.CONFIG_INVALID,
                (path.isEmpty() ? location.toString() : location + ": " + path) + ": " + problem + ". Fix: " + fix,
                fix);
        this.location = Objects.requireNonNull(location, "location");
        this.path = path;
        this.problem = problem;
    }

    public Location location() {
        return location;
    }

    /** The path inside the file ({@code clusters.source.timeout}); empty for the whole document. */
    public String path() {
        return path;
    }

    /** What is wrong, without location or fix. */
    public String problem() {
        return problem;
    }
}
