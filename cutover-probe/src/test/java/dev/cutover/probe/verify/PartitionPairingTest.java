package dev.cutover.probe.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.offsets.PartitionOffsetMap;
import dev.cutover.probe.verify.SideRecord.SideHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The pairing and comparison logic over fake logs: a simulated link copies a source log with gaps into a target. */
class PartitionPairingTest {
    private static final PartitionPairing.Rules PLAIN = new PartitionPairing.Rules(false, false, true);

    /** A source log, the target log a link made of it (with its own control records), and the link's map. */
    record Copy(List<SideRecord> source, List<SideRecord> target, PartitionOffsetMap map) {}

    /** Source offsets from 0: record or gap (aborted data, a marker); each record copied, the link's markers between. */
    static Copy copy(Random random, int offsets, long targetStart) {
        List<SideRecord> source = new ArrayList<>();
        List<SideRecord> target = new ArrayList<>();
        PartitionOffsetMap.Builder map = PartitionOffsetMap.builder(0, targetStart);
        long t = targetStart;
        for (long s = 0; s < offsets; s++) {
            if (random.nextInt(5) == 0) {
                continue; // aborted or control: not returned under read_committed, never copied
            }
            SideRecord r = record(s, random);
            source.add(r);
            target.add(new SideRecord(t, r.timestamp(), r.key(), r.value(), r.headers()));
            map.copied(s, t);
            t += random.nextInt(4) == 0 ? 2 : 1; // the link's transaction markers take offsets
        }
        map.readUpTo(offsets).writesNextAt(t);
        return new Copy(source, target, map.build());
    }

    static SideRecord record(long offset, Random random) {
        byte[] key = random.nextInt(6) == 0 ? null : bytes("k" + random.nextInt(20));
        byte[] value = random.nextInt(9) == 0 ? null : bytes("v" + offset + "-" + random.nextInt());
        List<SideHeader> headers = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            headers.add(new SideHeader("h", random.nextBoolean() ? null : bytes("x" + i)));
        }
        return new SideRecord(offset, 1_700_000_000_000L + offset, key, value, headers);
    }

    static PartitionPairing.Outcome pair(Copy c, PartitionPairing.Rules rules) throws InterruptedException {
        return PartitionPairing.pair(c.map(), rules, stream(c.source()), stream(c.target()));
    }

    static PartitionPairing.RecordStream stream(List<SideRecord> records) {
        var it = records.iterator();
        return new PartitionPairing.RecordStream() {
            @Override
            public SideRecord next() {
                return it.hasNext() ? it.next() : null;
            }

            @Override
            public boolean skipped(long offset) {
                return false;
            }
        };
    }

    @RepeatedTest(50)
    void anExactCopyWithGapsOnBothSidesHasNoDifferenceAndEveryRecordIsCompared() throws Exception {
        // Given a copy of a log with aborted records and markers on the source and the link's markers on the target
        Copy c = copy(new Random(), 500, 7);

        // When
        PartitionPairing.Outcome o = pair(c, PLAIN);

        // Then
        assertThat(o.firstMismatch()).isEmpty();
        assertThat(o.counts().compared()).isEqualTo(c.source().size());
        assertThat(o.counts().sourceRecords()).isEqualTo(c.source().size());
        assertThat(o.counts().targetRecords()).isEqualTo(c.target().size());
        assertThat(o.counts().differences()).isZero();
    }

    @RepeatedTest(50)
    void eachKindOfDamageIsFoundOnceWithBothOffsets() throws Exception {
        Random random = new Random();
        Copy c = copy(random, 300, 0);
        int i = random.nextInt(c.target().size());
        SideRecord original = c.target().get(i);

        // An altered value
        List<SideRecord> altered = new ArrayList<>(c.target());
        altered.set(
                i,
                new SideRecord(
                        original.offset(), original.timestamp(), original.key(), bytes("other"), original.headers()));
        PartitionPairing.Outcome o = PartitionPairing.pair(c.map(), PLAIN, stream(c.source()), stream(altered));
        assertThat(o.counts().differing()).isEqualTo(1);
        assertThat(o.counts().differences()).isEqualTo(1);
        assertThat(o.firstMismatch().orElseThrow())
                .isEqualTo(new Mismatch(
                        Mismatch.Kind.DIFFERING,
                        c.source().get(i).offset(),
                        original.offset(),
                        "value differs" + (original.value() == null ? " (one is null)" : "")));

        // A missing copy
        List<SideRecord> dropped = new ArrayList<>(c.target());
        dropped.remove(i);
        o = PartitionPairing.pair(c.map(), PLAIN, stream(c.source()), stream(dropped));
        assertThat(o.counts().missing()).isEqualTo(1);
        assertThat(o.counts().differences()).isEqualTo(1);
        assertThat(o.counts().compared()).isEqualTo(c.source().size() - 1);
        assertThat(o.firstMismatch().orElseThrow().kind()).isEqualTo(Mismatch.Kind.MISSING);
        assertThat(o.firstMismatch().orElseThrow().targetOffset()).isEqualTo(original.offset());

        // A foreign record in a gap of the target
        List<SideRecord> foreign = new ArrayList<>(c.target());
        long gap = -1;
        for (int k = 1; k < foreign.size() && gap < 0; k++) {
            if (foreign.get(k).offset() > foreign.get(k - 1).offset() + 1) {
                gap = foreign.get(k - 1).offset() + 1;
                foreign.add(k, record(gap, random));
            }
        }
        if (gap >= 0) {
            o = PartitionPairing.pair(c.map(), PLAIN, stream(c.source()), stream(foreign));
            assertThat(o.counts().extra()).isEqualTo(1);
            assertThat(o.counts().differences()).isEqualTo(1);
            assertThat(o.firstMismatch().orElseThrow())
                    .isEqualTo(new Mismatch(
                            Mismatch.Kind.EXTRA, null, gap, "no source record is mapped to this target record"));
        }
    }

    @Test
    void aCopyWhoseSchemaIdTheLinkRewroteIsEqualOnlyUnderTheRewriteAndOnlyByItsId() {
        byte[] payload = bytes("order-7");
        SideRecord source = new SideRecord(
                0,
                5,
                dev.cutover.schemas.WireFormat.encode(3, bytes("k")),
                dev.cutover.schemas.WireFormat.encode(1, payload),
                List.of());
        SideRecord copy = new SideRecord(
                0,
                5,
                dev.cutover.schemas.WireFormat.encode(13, bytes("k")),
                dev.cutover.schemas.WireFormat.encode(11, payload),
                List.of());
        java.util.Map<Integer, Integer> rewrites = java.util.Map.of(1, 11, 3, 13);

        assertThat(source.differenceFrom(copy, true, rewrites)).isNull();
        assertThat(source.differenceFrom(copy, true)).as("byte for byte").isEqualTo("key differs");
        assertThat(source.differenceFrom(copy, true, java.util.Map.of(3, 13))).isEqualTo("value differs");
        SideRecord otherPayload = new SideRecord(
                0, 5, copy.key(), dev.cutover.schemas.WireFormat.encode(11, bytes("order-8")), List.of());
        assertThat(source.differenceFrom(otherPayload, true, rewrites)).isEqualTo("value differs");
        SideRecord plain = new SideRecord(0, 5, bytes("k"), bytes("v"), List.of());
        assertThat(plain.differenceFrom(plain, true, rewrites))
                .as("bytes without a schema id")
                .isNull();
    }

    @Test
    void everyFieldIsCompared() {
        SideRecord a = new SideRecord(
                0, 5, bytes("k"), bytes("v"), List.of(new SideHeader("h", bytes("1")), new SideHeader("h", null)));
        assertThat(a.differenceFrom(a, true)).isNull();
        assertThat(a.differenceFrom(new SideRecord(9, 5, bytes("k"), bytes("v"), a.headers()), true))
                .as("offsets are the map's business")
                .isNull();
        assertThat(a.differenceFrom(new SideRecord(0, 5, null, bytes("v"), a.headers()), true))
                .isEqualTo("key differs");
        assertThat(a.differenceFrom(new SideRecord(0, 5, bytes("k"), null, a.headers()), true))
                .isEqualTo("value differs (one is null)");
        assertThat(a.differenceFrom(
                        new SideRecord(
                                0,
                                5,
                                bytes("k"),
                                bytes("v"),
                                List.of(new SideHeader("h", null), new SideHeader("h", bytes("1")))),
                        true))
                .as("header order matters")
                .isEqualTo("header 0 ('h') differs");
        assertThat(a.differenceFrom(
                        new SideRecord(0, 5, bytes("k"), bytes("v"), a.headers().subList(0, 1)), true))
                .isEqualTo("header count differs (2 vs 1)");
        SideRecord later = new SideRecord(0, 6, bytes("k"), bytes("v"), a.headers());
        assertThat(a.differenceFrom(later, true)).isEqualTo("timestamp differs (5 vs 6)");
        assertThat(a.differenceFrom(later, false))
                .as("a LogAppendTime target stamps its own time")
                .isNull();
    }

    @Test
    void compactionOnEitherSideIsNotADifferenceOnACompactedTopicButIsOnAnotherOne() throws Exception {
        // Given a copy, then records compacted away on the source (after the copy) and others on the target
        Copy c = copy(new Random(42), 200, 0);
        List<SideRecord> source = new ArrayList<>(c.source());
        List<SideRecord> target = new ArrayList<>(c.target());
        source.remove(10);
        source.remove(20);
        target.remove(50);

        // When the topic is compacted on both sides
        PartitionPairing.Outcome compacted = PartitionPairing.pair(
                c.map(), new PartitionPairing.Rules(true, true, true), stream(source), stream(target));

        // Then nothing differs, and what compaction removed is counted
        assertThat(compacted.counts().differences()).isZero();
        assertThat(compacted.counts().compactedAway()).isEqualTo(3);
        assertThat(compacted.counts().compared()).isEqualTo(c.source().size() - 3);

        // And on a topic that is not compacted, the same logs are 2 extra copies and 1 missing
        PartitionPairing.Outcome plain = PartitionPairing.pair(c.map(), PLAIN, stream(source), stream(target));
        assertThat(plain.counts().extra()).isEqualTo(2);
        assertThat(plain.counts().missing()).isEqualTo(1);
    }

    @Test
    void recordsRetentionRemovedWhileReadingAreSkippedNotMissing() throws Exception {
        // Given a target whose first records retention deleted while verify read the source
        Copy c = copy(new Random(7), 100, 0);
        List<SideRecord> target =
                new ArrayList<>(c.target().subList(10, c.target().size()));
        long newStart = target.get(0).offset();
        var base = stream(target);
        var targetStream = new PartitionPairing.RecordStream() {
            @Override
            public SideRecord next() throws InterruptedException {
                return base.next();
            }

            @Override
            public boolean skipped(long offset) {
                return offset < newStart;
            }
        };

        // When
        PartitionPairing.Outcome o = PartitionPairing.pair(c.map(), PLAIN, stream(c.source()), targetStream);

        // Then
        assertThat(o.counts().differences()).isZero();
        assertThat(o.counts().retentionSkipped()).isEqualTo(10);
    }

    @Test
    void aSourceRecordTheLinkDidNotCopyIsMissing() throws Exception {
        // Given a map that says offset 3 held nothing to copy, but the source returns a record there
        PartitionOffsetMap map = PartitionOffsetMap.builder(0, 0)
                .copiedRun(0, 0, 3)
                .copiedRun(4, 3, 2)
                .readUpTo(6)
                .writesNextAt(5)
                .build();
        Random r = new Random(1);
        List<SideRecord> source = new ArrayList<>();
        List<SideRecord> target = new ArrayList<>();
        for (long s = 0; s < 6; s++) {
            SideRecord rec = record(s, r);
            source.add(rec);
            if (s != 3) {
                long t = s < 3 ? s : s - 1;
                target.add(new SideRecord(t, rec.timestamp(), rec.key(), rec.value(), rec.headers()));
            }
        }

        // When
        PartitionPairing.Outcome o = PartitionPairing.pair(map, PLAIN, stream(source), stream(target));

        // Then
        assertThat(o.counts().missing()).isEqualTo(1);
        assertThat(o.counts().compared()).isEqualTo(5);
        assertThat(o.firstMismatch().orElseThrow())
                .isEqualTo(new Mismatch(
                        Mismatch.Kind.MISSING, 3L, null, "the link read this source record but did not copy it"));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
