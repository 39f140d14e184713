package dev.cutover.cli;

import dev.cutover.sandbox.Sandbox;
import java.io.PrintWriter;
import java.nio.file.Path;

/** A running sandbox with its workspace written (and, later, its seeded estate): what `sandbox up` and `demo` share. */
final class SandboxSession implements AutoCloseable {
    private final Sandbox sandbox;

    private SandboxSession(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    static SandboxSession start(Sandbox.Options options, boolean seed, Path workspace, PrintWriter err) {
        long started = System.nanoTime();
        Sandbox sandbox = Sandbox.start(options);
        try {
            err.printf("clusters ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
            Path config = sandbox.writeWorkspace(workspace);
            err.println("wrote " + config);
            err.flush();
            return new SandboxSession(sandbox);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    Sandbox sandbox() {
        return sandbox;
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
