package dev.cutover.api;

/**
 * Why an operation failed, as a stable code. Each reason maps to exactly one process exit code, so the CLI has one
 * place that turns failures into exit codes and scripts can rely on them.
 *
 * <ul>
 *   <li>0: ok
 *   <li>1: a check failed, a workload is not ready, or a request was partly refused
 *   <li>2: usage or configuration error (fix the command line or the workspace files)
 *   <li>3: a cluster is unreachable, or refused us (authentication, authorization)
 *   <li>4: an internal error in cutover itself (a bug: please report it with the log)
 * </ul>
 */
public enum Reason {
    CHECK_FAILED(1),
    PARTLY_REFUSED(1),
    USAGE(2),
    CONFIG_INVALID(2),
    CONFIG_NOT_FOUND(2),
    CLUSTER_UNREACHABLE(3),
    AUTHENTICATION_FAILED(3),
    AUTHORIZATION_FAILED(3),
    INTERNAL(4);

    public static final int EXIT_OK = 0;

    private final int exitCode;

    Reason(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
