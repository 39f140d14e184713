package dev.cutover.testkit.check;

import org.apache.kafka.common.IsolationLevel;
import org.assertj.core.api.AbstractAssert;

/** AssertJ entry: {@code ReplicationAssert.assertThat(report).isClean()} fails with the report's summary. */
public final class ReplicationAssert extends AbstractAssert<ReplicationAssert, ReplicationReport> {
    private ReplicationAssert(ReplicationReport actual) {
        super(actual, ReplicationAssert.class);
    }

    public static ReplicationAssert assertThat(ReplicationReport report) {
        return new ReplicationAssert(report);
    }

    public ReplicationAssert isClean() {
        isNotNull();
        if (!actual.isClean()) {
            failWithMessage("expected every record copied exactly once, in order, unaltered, but:%n%s", actual);
        }
        return this;
    }

    /** Clean as a consumer at {@code level} sees the target (ignores the offset map). */
    public ReplicationAssert isCleanUnder(IsolationLevel level) {
        isNotNull();
        if (actual.partitions().stream().anyMatch(p -> !p.at(level).isClean() || p.approximate())) {
            failWithMessage("expected a clean copy under %s, but:%n%s", level, actual);
        }
        return this;
    }

    public ReplicationAssert hasCount(IsolationLevel level, Discrepancy.Kind kind, long expected) {
        isNotNull();
        long found = actual.count(level, kind);
        if (found != expected) {
            failWithMessage("expected %d %s under %s but found %d:%n%s", expected, kind, level, found, actual);
        }
        return this;
    }
}
