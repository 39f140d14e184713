package dev.cutover.orchestrator.watch;

import java.util.ArrayList;
import java.util.List;

/**
 * What one {@link StrayScan#scan} found. {@link #clean()} only when every check was made and found nothing: a check
 * that could not be made is in {@link #notChecked}, and a wave must not confirm on it.
 *
 * @param atMs when the scan ran (epoch milliseconds)
 */
public record StrayReport(long atMs, List<StrayClient> found, List<NotChecked> notChecked) {
    public StrayReport {
        found = List.copyOf(found);
        notChecked = List.copyOf(notChecked);
    }

    /** True only when every check was made and none found a stray client. */
    public boolean clean() {
        return found.isEmpty() && notChecked.isEmpty();
    }

    /** One line per finding, then one per check not made. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        found.forEach(f -> lines.add(f.text()));
        notChecked.forEach(n -> lines.add(n.text()));
        return lines;
    }
}
