package dev.cutover.testkit.check;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;

/** Synthetic logs for checker tests. */
final class Logs {
    static final String TOPIC = "t";
    static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

    private Logs() {}

    static LoggedRecord rec(String key, String value, Header... headers) {
        return LoggedRecord.of(0, 1_000, TimestampType.CREATE_TIME, bytes(key), bytes(value), List.of(headers));
    }

    static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    /** Values "v0".."v(n-1)" with keys "k0".. */
    static List<LoggedRecord> numbered(int n) {
        List<LoggedRecord> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(rec("k" + i, "v" + i));
        }
        return list;
    }

    /** Assigns offsets first, first+1, ... */
    static List<LoggedRecord> at(long first, List<LoggedRecord> contents) {
        List<LoggedRecord> list = new ArrayList<>(contents.size());
        for (int i = 0; i < contents.size(); i++) {
            list.add(contents.get(i).atOffset(first + i));
        }
        return list;
    }

    static PartitionLog log(IsolationLevel level, List<LoggedRecord> records) {
        return PartitionLog.of(P0, level, records);
    }

    /** Source at offsets 0.., target committed = target uncommitted at 0... */
    static PartitionReport compare(List<LoggedRecord> source, List<LoggedRecord> target) {
        return compare(source, target, target, CheckOptions.defaults());
    }

    static PartitionReport compare(
            List<LoggedRecord> source,
            List<LoggedRecord> committed,
            List<LoggedRecord> uncommitted,
            CheckOptions options) {
        return ReplicationCheck.comparePartition(
                log(IsolationLevel.READ_COMMITTED, source),
                log(IsolationLevel.READ_COMMITTED, committed),
                log(IsolationLevel.READ_UNCOMMITTED, uncommitted),
                options);
    }
}
