package dev.cutover.readiness.areas;

import dev.cutover.api.Finding;
import dev.cutover.api.Severity;
import java.util.List;

final class Codes {
    private Codes() {}

    /** The codes of the findings that block (warning or error). */
    static List<String> blocking(AreaResult r) {
        return r.findings().stream()
                .filter(f -> f.severity().atLeast(Severity.WARNING))
                .map(Finding::code)
                .toList();
    }

    static List<String> all(AreaResult r) {
        return r.findings().stream().map(Finding::code).toList();
    }

    static List<String> messages(AreaResult r, String code) {
        return r.findings().stream()
                .filter(f -> f.code().equals(code))
                .map(Finding::message)
                .toList();
    }
}
