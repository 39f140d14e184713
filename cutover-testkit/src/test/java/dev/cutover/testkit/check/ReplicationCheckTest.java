package dev.cutover.testkit.check;

import static dev.cutover.testkit.check.Logs.at;
import static dev.cutover.testkit.check.Logs.compare;
import static dev.cutover.testkit.check.Logs.numbered;
import static dev.cutover.testkit.check.Logs.rec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class ReplicationCheckTest {
    private static final IsolationLevel RC = IsolationLevel.READ_COMMITTED;
    private static final IsolationLevel RU = IsolationLevel.READ_UNCOMMITTED;

    @Test
    void identicalLogsAreClean() {
        // Given a source with gaps in its offsets (control records) and a dense copy
        List<LoggedRecord> source = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            source.add(rec("k" + i, "v" + i).atOffset(i * 2L));
        }
        List<LoggedRecord> target = at(0, numbered(10));

        // When
        PartitionReport report = compare(source, target);

        // Then
        assertThat(report.isClean()).as(report.toString()).isTrue();
        assertThat(report.alignment().size()).isEqualTo(10);
        assertThat(report.alignment().targetOf(6)).hasValue(3);
        assertThat(report.alignment().translate(7)).hasValue(4);
        assertThat(report.toString()).endsWith("clean");
    }

    @Test
    void oneLostInTheMiddle() {
        List<LoggedRecord> source = at(0, numbered(10));
        List<LoggedRecord> target = new ArrayList<>(numbered(10));
        target.remove(5);

        PartitionReport report = compare(source, at(0, target));

        assertThat(report.readCommitted().lost().count()).isEqualTo(1);
        assertThat(only(report.readCommitted().lost()).sourceOffset()).hasValue(5);
        assertThat(othersThan(report.readCommitted(), Discrepancy.Kind.LOST)).isZero();
        assertThat(report.readUncommitted().sameFindings(report.readCommitted()))
                .isTrue();
        assertThat(report.toString()).contains("lost 1", "source@5");
    }

    @Test
    void oneDuplicatedAdjacent() {
        List<LoggedRecord> target = new ArrayList<>(numbered(10));
        target.add(4, rec("k3", "v3"));

        PartitionReport report = compare(at(0, numbered(10)), at(0, target));

        Discrepancy dup = only(report.readCommitted().duplicated());
        assertThat(dup.sourceOffset()).hasValue(3);
        assertThat(dup.targetOffset()).isPresent();
        assertThat(dup.targetOffset().getAsLong()).isIn(3L, 4L);
        assertThat(othersThan(report.readCommitted(), Discrepancy.Kind.DUPLICATED))
                .isZero();
    }

    @Test
    void oneDuplicatedFarAway() {
        List<LoggedRecord> target = new ArrayList<>(numbered(10));
        target.add(rec("k2", "v2"));

        PartitionReport report = compare(at(0, numbered(10)), at(0, target));

        Discrepancy dup = only(report.readCommitted().duplicated());
        assertThat(dup.sourceOffset()).hasValue(2);
        assertThat(dup.targetOffset()).hasValue(10);
        assertThat(othersThan(report.readCommitted(), Discrepancy.Kind.DUPLICATED))
                .isZero();
    }

    @Test
    void abortedCopyIsAPhantomUnderReadUncommittedOnly() {
        // Given: the committed target is a perfect copy, but offset 5 holds an aborted copy of source record 4
        List<LoggedRecord> contents = numbered(10);
        List<LoggedRecord> committed = new ArrayList<>();
        List<LoggedRecord> uncommitted = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                uncommitted.add(contents.get(4).atOffset(offset++));
                offset++; // the abort marker
            }
            committed.add(contents.get(i).atOffset(offset));
            uncommitted.add(contents.get(i).atOffset(offset++));
        }

        // When
        PartitionReport report = compare(at(0, contents), committed, uncommitted, CheckOptions.defaults());

        // Then
        assertThat(report.readCommitted().isClean()).isTrue();
        Discrepancy phantom = only(report.readUncommitted().phantom());
        assertThat(phantom.targetOffset()).hasValue(5);
        assertThat(phantom.detail()).contains("uncommitted copy of source@4");
        assertThat(othersThan(report.readUncommitted(), Discrepancy.Kind.PHANTOM))
                .isZero();
        assertThat(report.isClean()).isFalse();
        assertThat(report.toString()).contains("read_uncommitted", "target@5");
    }

    @Test
    void foreignRecordIsAPhantom() {
        List<LoggedRecord> target = new ArrayList<>(numbered(10));
        target.add(7, rec("other", "x"));

        PartitionReport report = compare(at(0, numbered(10)), at(0, target));

        Discrepancy phantom = only(report.readCommitted().phantom());
        assertThat(phantom.targetOffset()).hasValue(7);
        assertThat(phantom.detail()).startsWith("foreign");
        assertThat(othersThan(report.readCommitted(), Discrepancy.Kind.PHANTOM)).isZero();
    }

    @Test
    void swappedRecordsAreReordered() {
        List<LoggedRecord> target = new ArrayList<>(numbered(10));
        target.set(3, rec("k4", "v4"));
        target.set(4, rec("k3", "v3"));

        PartitionReport report = compare(at(0, numbered(10)), at(0, target));

        Discrepancy moved = only(report.readCommitted().reordered());
        assertThat(othersThan(report.readCommitted(), Discrepancy.Kind.REORDERED))
                .isZero();
        // One of the two is "moved"; either way it names the source record and where its copy sits.
        long s = moved.sourceOffset().getAsLong();
        assertThat(moved.targetOffset()).hasValue(s == 3 ? 4 : 3);
        assertThat(report.alignment().size()).isEqualTo(10);
    }

    @Test
    void recordMovedFarIsReorderedNotLostAndDuplicated() {
        List<LoggedRecord> target = new ArrayList<>(numbered(10));
        LoggedRecord moved = target.remove(1);
        target.add(moved);

        PartitionReport report = compare(at(0, numbered(10)), at(0, target));

        Discrepancy d = only(report.readCommitted().reordered());
        assertThat(d.sourceOffset()).hasValue(1);
        assertThat(d.targetOffset()).hasValue(9);
        assertThat(othersThan(report.readCommitted(), Discrepancy.Kind.REORDERED))
                .isZero();
    }

    @Test
    void alteredHeaderValue() {
        List<LoggedRecord> source = List.of(rec("a", "1"), rec("b", "2", Header.ofString("h", "x")), rec("c", "3"));
        List<LoggedRecord> target = List.of(rec("a", "1"), rec("b", "2", Header.ofString("h", "y")), rec("c", "3"));

        PartitionReport report = compare(at(0, source), at(0, target));

        Discrepancy d = only(report.readCommitted().altered());
        assertThat(d.sourceOffset()).hasValue(1);
        assertThat(d.targetOffset()).hasValue(1);
        assertThat(d.detail()).startsWith("headers differ");
        assertThat(othersThan(report.readCommitted(), Discrepancy.Kind.ALTERED)).isZero();
    }

    @Test
    void duplicateHeaderKeysAreKeptInOrder() {
        LoggedRecord twice = rec("k", "v", Header.ofString("h", "1"), Header.ofString("h", "2"));
        LoggedRecord swapped = rec("k", "v", Header.ofString("h", "2"), Header.ofString("h", "1"));
        LoggedRecord once = rec("k", "v", Header.ofString("h", "1"));

        assertThat(compare(at(0, List.of(twice)), at(0, List.of(twice))).isClean())
                .isTrue();
        assertThat(compare(at(0, List.of(twice)), at(0, List.of(swapped)))
                        .readCommitted()
                        .altered()
                        .count())
                .isEqualTo(1);
        assertThat(compare(at(0, List.of(twice)), at(0, List.of(once)))
                        .readCommitted()
                        .altered()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void nullHeaderValueDiffersFromEmpty() {
        LoggedRecord nullValue = rec("k", "v", Header.of("h", null));
        LoggedRecord empty = rec("k", "v", Header.of("h", new byte[0]));

        assertThat(compare(at(0, List.of(nullValue)), at(0, List.of(nullValue))).isClean())
                .isTrue();
        PartitionReport report = compare(at(0, List.of(nullValue)), at(0, List.of(empty)));
        assertThat(only(report.readCommitted().altered()).detail()).startsWith("headers differ");
        assertThat(nullValue.headers().get(0).value()).isNull();
    }

    @Test
    void tombstonesAndNullKeysAreRecords() {
        List<LoggedRecord> source = List.of(rec("k", null), rec(null, "v"), rec(null, null), rec("k", null));
        List<LoggedRecord> lostOne = List.of(rec("k", null), rec(null, "v"), rec(null, null));
        List<LoggedRecord> emptied = List.of(rec("k", ""), rec(null, "v"), rec(null, null), rec("k", null));

        assertThat(compare(at(0, source), at(0, source)).isClean()).isTrue();
        assertThat(only(compare(at(0, source), at(0, lostOne)).readCommitted().lost())
                        .sourceOffset())
                .hasValue(3);
        assertThat(only(compare(at(0, source), at(0, emptied)).readCommitted().altered())
                        .detail())
                .startsWith("value differ");
    }

    @Test
    void alteredTimestampAndTimestampType() {
        LoggedRecord create = LoggedRecord.of(0, 5, TimestampType.CREATE_TIME, Logs.bytes("k"), null, List.of());
        LoggedRecord later = LoggedRecord.of(0, 6, TimestampType.CREATE_TIME, Logs.bytes("k"), null, List.of());
        LoggedRecord append = LoggedRecord.of(0, 5, TimestampType.LOG_APPEND_TIME, Logs.bytes("k"), null, List.of());

        assertThat(only(compare(List.of(create), List.of(later)).readCommitted().altered())
                        .detail())
                .startsWith("timestamp differ");
        assertThat(only(compare(List.of(create), List.of(append))
                                .readCommitted()
                                .altered())
                        .detail())
                .startsWith("timestampType differ");
    }

    @Test
    void identicalRepeatedRecordsWithOneLostIsExactlyOneLost() {
        // Given five identical records in the middle of the source, and a target missing one of them
        List<LoggedRecord> source = new ArrayList<>(numbered(3));
        for (int i = 0; i < 5; i++) {
            source.add(rec("same", "same"));
        }
        source.addAll(numbered(3));
        List<LoggedRecord> target = new ArrayList<>(source);
        target.remove(5);

        // When
        PartitionReport report = compare(at(0, source), at(0, target));

        // Then
        assertThat(report.readCommitted().lost().count()).isEqualTo(1);
        assertThat(report.readCommitted().duplicated().count()).isZero();
        assertThat(othersThan(report.readCommitted(), Discrepancy.Kind.LOST)).isZero();
    }

    @Test
    void identicalRepeatedRecordsWithOneExtraIsExactlyOneDuplicate() {
        List<LoggedRecord> source = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            source.add(rec("same", "same"));
        }
        List<LoggedRecord> target = new ArrayList<>(source);
        target.add(rec("same", "same"));

        PartitionReport report = compare(at(0, source), at(0, target));

        assertThat(report.readCommitted().duplicated().count()).isEqualTo(1);
        assertThat(othersThan(report.readCommitted(), Discrepancy.Kind.DUPLICATED))
                .isZero();
    }

    @Test
    void offsetMapMismatchesAreCountedAndSampled() {
        // Given a clean copy at target offsets 100.. and a map that is wrong for source 3 and missing for source 7
        List<LoggedRecord> source = at(0, numbered(10));
        List<LoggedRecord> target = at(100, numbered(10));
        OffsetMapping mapping = (tp, s) -> s == 7 ? OptionalLong.empty() : OptionalLong.of(s == 3 ? 104 : 100 + s);

        // When
        PartitionReport report =
                compare(source, target, target, CheckOptions.defaults().offsetMapping(mapping));

        // Then
        assertThat(report.readCommitted().isClean()).isTrue();
        assertThat(report.offsetMap()).isPresent();
        assertThat(report.offsetMap().get().count()).isEqualTo(2);
        assertThat(report.offsetMap().get().samples())
                .containsExactly(
                        new MapMismatch(3, 103, OptionalLong.of(104)), new MapMismatch(7, 107, OptionalLong.empty()));
        assertThat(report.isClean()).isFalse();
        assertThat(report.toString()).contains("offset map: 2 mismatches");

        PartitionReport exact = compare(
                source, target, target, CheckOptions.defaults().offsetMapping((tp, s) -> OptionalLong.of(100 + s)));
        assertThat(exact.isClean()).isTrue();
    }

    @Test
    void groupResumeCountsReplayedAndSkipped() {
        // Given source offsets 0,2,4,...,18 copied to target 50..59
        List<LoggedRecord> source = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            source.add(rec("k" + i, "v" + i).atOffset(2L * i));
        }
        PartitionReport report = compare(source, at(50, numbered(10)));

        // Committed source offset 7 (a gap): the next unread record is source@8, whose copy is target@54
        assertThat(report.resume(7, 54)).satisfies(r -> {
            assertThat(r.isExact()).isTrue();
            assertThat(r.exactTarget()).hasValue(54);
        });
        assertThat(report.resume(7, 52).replayed()).isEqualTo(2);
        assertThat(report.resume(7, 52).skipped()).isZero();
        assertThat(report.resume(7, 55).skipped()).isEqualTo(1);
        assertThat(report.resume(7, 55).replayed()).isZero();
        // Past the end: translating to the target end is exact
        assertThat(report.resume(100, 60).isExact()).isTrue();
        assertThat(report.resume(100, 60).exactTarget()).isEmpty();
        assertThat(report.resume(100, 59).replayed()).isEqualTo(1);
    }

    @Test
    void fromComparesOnlyTheLinksRange() {
        // Given a source whose head (0..99) was truncated by retention, and a target that still holds copies of
        // records 0..99 of an older source plus the copies of 100..199 from target offset 1000 on.
        List<LoggedRecord> contents = numbered(200);
        List<LoggedRecord> source = at(100, contents.subList(100, 200));
        List<LoggedRecord> target = new ArrayList<>(at(900, contents.subList(0, 100)));
        target.addAll(at(1000, contents.subList(100, 200)));

        // When / Then
        assertThat(compare(source, target).readCommitted().duplicated().count()).isZero();
        assertThat(compare(source, target).readCommitted().phantom().count()).isEqualTo(100);
        PartitionReport ranged =
                compare(source, target, target, CheckOptions.defaults().from(0, 100, 1000));
        assertThat(ranged.isClean()).as(ranged.toString()).isTrue();
        assertThat(ranged.sourceRecords()).isEqualTo(100);
    }

    @Test
    void topicLevelReportAndAssertion() {
        // Given partition 1 exists only on the source
        PartitionLog s0 = PartitionLog.of(Logs.P0, RC, at(0, numbered(3)));
        PartitionLog s1 = PartitionLog.of(new org.apache.kafka.common.TopicPartition("t", 1), RC, at(0, numbered(2)));
        TopicLogs source = TopicLogs.of("t", RC, List.of(s0, s1));
        TopicLogs committed = TopicLogs.of("t", RC, List.of(s0));
        TopicLogs uncommitted = TopicLogs.of("t", RU, List.of(PartitionLog.of(Logs.P0, RU, at(0, numbered(3)))));

        // When
        ReplicationReport report = ReplicationCheck.compare(source, committed, uncommitted);

        // Then
        assertThat(report.isClean()).isFalse();
        assertThat(report.partition(0).isClean()).isTrue();
        assertThat(report.count(RC, Discrepancy.Kind.LOST)).isEqualTo(2);
        assertThat(report.count(RU, Discrepancy.Kind.LOST)).isEqualTo(2);
        assertThatThrownBy(() -> ReplicationAssert.assertThat(report).isClean())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("NOT CLEAN")
                .hasMessageContaining("p1:")
                .hasMessageContaining("lost 2");
        ReplicationAssert.assertThat(ReplicationCheck.compare(committed, committed, uncommitted))
                .isClean();
        assertThatThrownBy(() -> ReplicationCheck.compare(uncommitted, committed, uncommitted))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void samplesAreCappedButCountsExact() {
        List<LoggedRecord> target = new ArrayList<>(numbered(100));
        for (int i = 90; i >= 10; i -= 10) {
            target.remove(i);
        }

        PartitionReport report = compare(
                at(0, numbered(100)),
                at(0, target),
                at(0, target),
                CheckOptions.defaults().sampleLimit(3));

        assertThat(report.readCommitted().lost().count()).isEqualTo(9);
        assertThat(report.readCommitted().lost().samples())
                .extracting(d -> d.sourceOffset().getAsLong())
                .containsExactly(10L, 20L, 30L);
        assertThat(report.toString()).contains("lost 9", "…");
    }

    private static Discrepancy only(Sampled<Discrepancy> found) {
        assertThat(found.count()).as(found.toString()).isEqualTo(1);
        return found.samples().get(0);
    }

    private static long othersThan(LevelReport report, Discrepancy.Kind kind) {
        long others = 0;
        for (Discrepancy.Kind k : Discrepancy.Kind.values()) {
            if (k != kind) {
                others += report.of(k).count();
            }
        }
        return others;
    }
}
