package dev.cutover.probe.verify;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The first difference found in a partition.
 *
 * @param kind what kind of difference
 * @param sourceOffset the source record's offset, or null when the source holds none (an extra target record)
 * @param targetOffset the target record's offset (for a missing record: where the map says its copy should be), or null
 *     when the map gives none (a source record the link never copied)
 * @param detail what differs, for people (never a record's bytes: they may be personal data)
 */
public record Mismatch(Kind kind, Long sourceOffset, Long targetOffset, String detail) {
    /** How a source record and the target disagree. */
    public enum Kind {
        /** Both records exist and the map pairs them, but key, value, a header or the timestamp differs. */
        DIFFERING,
        /** A source record in the committed range has no copy where the map says. */
        MISSING,
        /** A target record in the link's written range that no source record accounts for. */
        EXTRA;

        /** As spelled in JSON and Markdown: {@code differing}, {@code missing}, {@code extra}. */
        @JsonValue
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
