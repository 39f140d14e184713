package dev.cutover.link.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.offsets.Direction;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SyncOptionsTest {
    @Test
    void aReverseSyncMayWriteAndKeepsTheOtherOptions() {
        SyncOptions reverse = SyncOptions.defaults().withAllowRewind(true).withDirection(Direction.REVERSE);

        assertThat(reverse.direction()).isEqualTo(Direction.REVERSE);
        assertThat(reverse.dryRun()).isFalse();
        assertThat(reverse.allowRewind()).isTrue();
        assertThat(reverse.waitTimeout()).isEqualTo(SyncOptions.DEFAULT_WAIT);
    }

    @Test
    void aBlankReasonOrANegativeWaitIsRefused() {
        assertThatThrownBy(() -> SyncOptions.defaults().withAllowActiveMembers(" "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyncOptions(false, false, Duration.ofSeconds(-1), Direction.REVERSE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
