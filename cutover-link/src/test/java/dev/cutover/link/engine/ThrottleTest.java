package dev.cutover.link.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ThrottleTest {

    @Test
    void withoutALimitTransactionsAndFetchesKeepTheirSizes() {
        Throttle throttle = new Throttle(OptionalLong.empty());

        assertThat(throttle.transactionBytes(32L << 20)).isEqualTo(32L << 20);
        assertThat(Throttle.fetchBytes(OptionalLong.empty(), 16 << 20)).isEqualTo(16 << 20);
    }

    @Test
    void underALimitATransactionOrAFetchCarriesAQuarterSecondsWorthButNotLessThan16KiB() {
        assertThat(new Throttle(OptionalLong.of(2_000_000)).transactionBytes(32L << 20))
                .isEqualTo(500_000);
        assertThat(Throttle.fetchBytes(OptionalLong.of(2_000_000), 4 << 20)).isEqualTo(500_000);
        assertThat(Throttle.fetchBytes(OptionalLong.of(1_000), 4 << 20)).isEqualTo(16 * 1024);
        assertThat(Throttle.fetchBytes(OptionalLong.of(1L << 40), 4 << 20))
                .as("never above the unthrottled size")
                .isEqualTo(4 << 20);
    }

    @Test
    void acquireWaitsUntilTheBytesCopiedSoFarAreDue() {
        Throttle throttle = new Throttle(OptionalLong.of(100_000));
        long start = System.nanoTime();

        throttle.acquire(20_000); // due 200 ms after the throttle started

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
    }
}
