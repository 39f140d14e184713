package dev.cutover.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class WireFormatTest {
    @Test
    void readsTheBigEndianIdAfterMagicZero() {
        byte[] bytes = {0, 0x01, 0x02, 0x03, 0x04, 'x'};
        assertThat(WireFormat.schemaId(bytes)).hasValue(0x01020304);
        assertThat(WireFormat.schemaId(new byte[] {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}))
                .hasValue(Integer.MAX_VALUE);
    }

    @Test
    void bytesWithoutTheHeaderCarryNoId() {
        assertThat(WireFormat.schemaId(null)).isEqualTo(OptionalInt.empty());
        assertThat(WireFormat.schemaId(new byte[] {0, 0, 0, 1})).isEmpty();
        assertThat(WireFormat.schemaId("{\"json\":1}".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(WireFormat.schemaId(new byte[] {1, 0, 0, 0, 7})).isEmpty();
        assertThat(WireFormat.schemaId(new byte[] {0, 0, 0, 0, 0, 0, 0, 42}))
                .as("a big-endian long below 2^32: id 0, which no registry assigns")
                .isEmpty();
        assertThat(WireFormat.schemaId(new byte[] {0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe}))
                .as("negative")
                .isEmpty();
    }

    @Test
    void rewritingChangesOnlyTheIdAndLeavesTheInputAlone() {
        byte[] original = WireFormat.encode(7, new byte[] {9, 8, 7});
        byte[] rewritten = WireFormat.withSchemaId(original, 70_000);

        assertThat(WireFormat.schemaId(rewritten)).hasValue(70_000);
        assertThat(WireFormat.schemaId(original)).hasValue(7);
        assertThat(rewritten).endsWith(9, 8, 7).hasSize(original.length);
        assertThat(WireFormat.withSchemaId(rewritten, 7)).isEqualTo(original);
        assertThatThrownBy(() -> WireFormat.withSchemaId(new byte[] {1, 2}, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
