package dev.cutover.link.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StartClockTest {
    @Test
    void eachPhaseGetsTheTimeSinceThePreviousOne() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        StartClock clock = new StartClock(now::get);
        now.addAndGet(12_000_000);
        clock.lap("cluster ids");
        now.addAndGet(1_500_000_000);
        clock.lap("topic sync");
        now.addAndGet(300_000_000);

        assertThat(clock.summary()).isEqualTo("start-up took 1812 ms (cluster ids 12 ms, topic sync 1500 ms)");
    }
}
