package dev.cutover.link.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.offsets.Direction;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SyncOptionsTest {
    @Test
    void reverseSyncIsDryRunOnly() {
        assertThatThrownBy(() -> new SyncOptions(false, false, Duration.ZERO, Direction.REVERSE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source");
        assertThat(new SyncOptions(true, false, Duration.ZERO, Direction.REVERSE).dryRun())
                .isTrue();
    }
}
