package dev.cutover.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StoredOffsetMapsTest {
    private static final TopicPartition TP = new TopicPartition("orders.v2", 3);

    private final List<ConsumerRecord<byte[], byte[]>> log = new ArrayList<>();

    @Test
    void keysRoundTripAndForeignKeysAreSkipped() {
        assertThat(OffsetMapKey.base(TP).text()).isEqualTo("m1/orders.v2/3/h");
        assertThat(OffsetMapKey.chunk(TP, 12).text()).isEqualTo("m1/orders.v2/3/c/12");
        assertThat(OffsetMapKey.parse("m1/orders.v2/3/c/12")).contains(OffsetMapKey.chunk(TP, 12));
        assertThat(OffsetMapKey.parse("m1/orders.v2/3/h")).contains(OffsetMapKey.base(TP));
        assertThat(OffsetMapKey.parse("m2/orders.v2/3/h")).isEmpty();
        assertThat(OffsetMapKey.parse("m1/orders.v2/x/h")).isEmpty();
        assertThat(OffsetMapKey.parse("m1/orders.v2/3/c")).isEmpty();
        assertThat(OffsetMapKey.parse("m1/orders.v2/3/c/-1")).isEmpty();
    }

    @Test
    void baseAndChunksInLogOrderMakeTheWholeMap() {
        // Given a base, a chunk rewritten twice, a second chunk, a key of a later format and a chunk without a base
        PartitionOffsetMap base = PartitionOffsetMap.builder(100, 0).build();
        PartitionOffsetMap first =
                base.toBuilder().copiedRun(100, 0, 5).readUpTo(106).build();
        PartitionOffsetMap grown = first.toBuilder().copiedRun(106, 5, 4).build();
        PartitionOffsetMap whole = grown.toBuilder().copiedRun(111, 9, 2).build();
        put(OffsetMapKey.base(TP).text(), OffsetMapCodec.encode(base));
        put(OffsetMapKey.chunk(TP, 0).text(), OffsetMapCodec.encodeIncrement(first, 100));
        put(OffsetMapKey.chunk(TP, 0).text(), OffsetMapCodec.encodeIncrement(grown, 100));
        put(OffsetMapKey.chunk(TP, 1).text(), OffsetMapCodec.encodeIncrement(whole, grown.coveredTo()));
        put("m2/orders.v2/3/h", new byte[] {42});
        put(OffsetMapKey.chunk(new TopicPartition("orphan", 0), 0).text(), new byte[] {1});

        // When
        StoredOffsetMaps stored = StoredOffsetMaps.assemble(log);

        // Then
        assertThat(stored.maps()).containsOnlyKeys(TP);
        assertThat(stored.maps().get(TP)).isEqualTo(whole);
        assertThat(stored.chunkStarts(TP)).containsEntry(0, 100L).containsEntry(1, grown.coveredTo());
        assertThat(stored.translator().translate(TP, 106, Direction.FORWARD))
                .isEqualTo(new OffsetTranslation.Exact(TP, 106, 5));
    }

    @Test
    void tombstonesDeleteChunksAndBases() {
        PartitionOffsetMap base = PartitionOffsetMap.builder(0, 0).build();
        PartitionOffsetMap first = base.toBuilder().copiedRun(0, 0, 5).build();
        put(OffsetMapKey.base(TP).text(), OffsetMapCodec.encode(base));
        put(OffsetMapKey.chunk(TP, 0).text(), OffsetMapCodec.encodeIncrement(first, 0));
        put(OffsetMapKey.chunk(TP, 0).text(), null);

        assertThat(StoredOffsetMaps.assemble(log).maps().get(TP)).isEqualTo(base);

        put(OffsetMapKey.base(TP).text(), null);
        assertThat(StoredOffsetMaps.assemble(log).maps()).isEmpty();
    }

    @Test
    void theOffsetsTopicIsNamedAfterTheLink() {
        assertThat(StoredOffsetMaps.topicOf("default")).isEqualTo("__cutover.default.offsets");
        assertThat(StoredOffsetMaps.topicOf("x.", "blue")).isEqualTo("x.blue.offsets");
    }

    private void put(String key, byte[] value) {
        log.add(new ConsumerRecord<>(".offsets", 0, log.size(), key.getBytes(StandardCharsets.UTF_8), value));
    }
}
