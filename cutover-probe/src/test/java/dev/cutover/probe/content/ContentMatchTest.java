package dev.cutover.probe.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ContentMatchTest {
    private long offset;

    private ContentRecord record(int partition, long time, String key, String value, String header) {
        RecordHeaders headers = new RecordHeaders();
        if (header != null) {
            headers.add("h", header.getBytes(StandardCharsets.UTF_8));
        }
        byte[] k = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        byte[] v = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        return new ContentRecord(partition, offset++, time, Fingerprint.of(k, v, headers), Fingerprint.ofKey(k));
    }

    @Test
    void theSameRecordsAtOtherOffsetsAndPartitionsMatch() {
        List<ContentRecord> source = new ArrayList<>();
        List<ContentRecord> target = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            source.add(record(0, 100 + i, "k" + i, "v" + i, "a"));
        }
        offset = 1_000;
        for (int i = 9; i >= 0; i--) {
            target.add(record(i % 3, 101 + i, "k" + i, "v" + i, "a"));
        }

        TopicContent c = ContentMatch.compare("t", source, target, 100, 200);

        assertThat(c.sourceRecords()).isEqualTo(10);
        assertThat(c.targetRecords()).isEqualTo(10);
        assertThat(c.matched()).isEqualTo(10);
        assertThat(c.divergent()).isZero();
        assertThat(c.examples()).isEmpty();
    }

    @Test
    void aCounterpartJustOutsideTheWindowCountsButRecordsOutsideItAreNotJudged() {
        // source's record at 100 (inside) was written to the target at 99 (the margin); the target's record at 250 is
        // after the window and has no counterpart: not judged
        List<ContentRecord> source = List.of(record(0, 100, "k", "v", null));
        List<ContentRecord> target = List.of(record(0, 99, "k", "v", null), record(0, 250, "x", "late", null));

        TopicContent c = ContentMatch.compare("t", source, target, 100, 200);

        assertThat(c.matched()).isEqualTo(1);
        assertThat(c.targetRecords()).isZero();
        assertThat(c.divergent()).isZero();
    }

    @Test
    void eachKindOfDivergenceIsCountedAndShown() {
        List<ContentRecord> source = new ArrayList<>();
        source.add(record(0, 110, "same", "v", null));
        source.add(record(0, 120, "lost", "v", null)); // never written to the target
        source.add(record(0, 130, "changed", "old", null)); // the target got another value for the key
        source.add(record(0, 140, "hdr", "v", "x")); // the target got other headers
        source.add(record(0, 150, "twice", "v", null)); // written twice on the source, once on the target
        source.add(record(0, 151, "twice", "v", null));
        List<ContentRecord> target = new ArrayList<>();
        target.add(record(0, 110, "same", "v", null));
        target.add(record(0, 130, "changed", "new", null));
        target.add(record(0, 140, "hdr", "v", "y"));
        target.add(record(0, 150, "twice", "v", null));
        target.add(record(0, 160, "stray", "v", null)); // written only to the target
        target.add(record(0, 170, null, "keyless", null)); // a keyless record only on the target

        TopicContent c = ContentMatch.compare("t", source, target, 100, 200);

        assertThat(c.matched()).isEqualTo(2);
        assertThat(c.differing()).isEqualTo(2);
        assertThat(c.onlySource()).isEqualTo(2);
        assertThat(c.onlyTarget()).isEqualTo(2);
        assertThat(c.divergent()).isEqualTo(6);
        assertThat(c.examples())
                .hasSize(ContentMatch.EXAMPLES)
                .anySatisfy(e -> assertThat(e).startsWith("differs: source 0/2"))
                .anySatisfy(e -> assertThat(e).startsWith("only on the source: 0/1"));
    }

    @Test
    void onACompactedTopicARecordSupersededOnTheOtherSideWasCompactedAwayNotLost() {
        // the target compacted k's first value away (it holds k's later one); "gone" has no later record there
        List<ContentRecord> source = List.of(
                record(0, 110, "k", "v1", null), record(0, 120, "k", "v2", null), record(0, 130, "gone", "v", null));
        List<ContentRecord> target = List.of(record(0, 121, "k", "v2", null));

        TopicContent compacted = ContentMatch.compare("t", source, target, 100, 200, true);
        TopicContent plain = ContentMatch.compare("t", source, target, 100, 200, false);

        assertThat(compacted.compactedAway()).isEqualTo(1);
        assertThat(compacted.onlySource()).isEqualTo(1);
        assertThat(compacted.divergent()).isEqualTo(1);
        assertThat(plain.compactedAway()).isZero();
        assertThat(plain.divergent()).isEqualTo(2);
    }

    @Test
    void aNullValueIsNotAnEmptyOne() {
        List<ContentRecord> source = List.of(record(0, 110, "k", null, null));
        List<ContentRecord> target = List.of(record(0, 110, "k", "", null));

        assertThat(ContentMatch.compare("t", source, target, 100, 200).differing())
                .isEqualTo(1);
    }

    @Test
    void aWindowWithoutRecordsProvesNothing() {
        TopicContent c = ContentMatch.compare("t", List.of(), List.of(record(0, 50, "k", "v", null)), 100, 200);
        ContentReport report = new ContentReport(
                java.time.Instant.EPOCH, java.time.Instant.EPOCH, java.time.Duration.ZERO, List.of(c));

        assertThat(c.compared()).isFalse();
        assertThat(report.passed()).isFalse();
        assertThat(report.summary()).contains("nothing shows");
    }
}
