package dev.cutover.testkit.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class LargeLogTest {
    private static final int RECORDS = 200_000;

    @Test
    void twoHundredThousandRecordsWithThreeDifferences() {
        // Given 200,000 source records (with many repeated values) and a copy with one lost, one duplicated and one
        // altered record far apart
        List<LoggedRecord> source = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            source.add(LoggedRecord.of(
                    i,
                    1_700_000_000_000L + i,
                    TimestampType.CREATE_TIME,
                    Logs.bytes("key-" + (i % 1000)),
                    Logs.bytes("value-" + (i % 7) + "-0123456789abcdef0123456789abcdef"),
                    List.of(Header.ofString("trace", "t" + (i % 13)))));
        }
        List<LoggedRecord> target = new ArrayList<>(source);
        target.set(150_000, LoggedRecord.of(0, 1, TimestampType.CREATE_TIME, Logs.bytes("altered"), null, List.of()));
        target.add(100_000, source.get(99_999));
        target.remove(50_000);
        List<LoggedRecord> copy = Logs.at(0, target);

        // When
        long t0 = System.nanoTime();
        PartitionReport report = Logs.compare(source, copy);
        long millis = (System.nanoTime() - t0) / 1_000_000;

        // Then
        System.out.printf("compared %d records with 3 differences in %d ms%n", RECORDS, millis);
        assertThat(report.readCommitted().lost().count()).isEqualTo(1);
        assertThat(report.readCommitted().duplicated().count()).isEqualTo(1);
        assertThat(report.readCommitted().altered().count()).isEqualTo(1);
        assertThat(report.readCommitted().phantom().count()).isZero();
        assertThat(report.readCommitted().reordered().count()).isZero();
        assertThat(report.readCommitted().lost().samples().get(0).sourceOffset())
                .hasValue(50_000);
        assertThat(report.readCommitted().altered().samples().get(0).sourceOffset())
                .hasValue(150_000);
        assertThat(report.approximate()).isFalse();
    }
}
