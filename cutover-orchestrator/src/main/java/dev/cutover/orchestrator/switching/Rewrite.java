package dev.cutover.orchestrator.switching;

import java.util.List;

/**
 * What a rewriter made of a client file: the new text and which keys it set (changed or added) and removed, by name
 * only (values may be references to secrets, and the journal keeps names).
 */
record Rewrite(String text, List<String> changed, List<String> added, List<String> removed) {
    Rewrite {
        changed = List.copyOf(changed);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    boolean changesNothing() {
        return changed.isEmpty() && added.isEmpty() && removed.isEmpty();
    }
}
