/**
 * Exact consumer group offset translation across a cutover link, for the product and for applications: the link's
 * offset map ({@link dev.cutover.offsets.PartitionOffsetMap}) and its versioned binary format ({@link
 * dev.cutover.offsets.OffsetMapCodec}), the read side of the maps the link stores on the target ({@link
 * dev.cutover.offsets.StoredOffsetMaps}), and group translation ({@link dev.cutover.offsets.GroupOffsetTranslator}).
 * Depends only on kafka-clients and slf4j, as Kafka's {@code connect-mirror-client} does, so an application or a
 * migration script can embed it.
 *
 * <h2>Example: move a stopped group's position to the target</h2>
 *
 * <pre>{@code
 * Map<String, Object> source = Map.of("bootstrap.servers", "old:9092");
 * Map<String, Object> target = Map.of("bootstrap.servers", "new:9092");
 * try (Admin src = Admin.create(source); Admin dst = Admin.create(target)) {
 *     Map<TopicPartition, OffsetAndMetadata> committed =
 *             src.listConsumerGroupOffsets("billing").partitionsToOffsetAndMetadata().get();
 *     TranslatedGroup t = GroupOffsetTranslator.forLink(target, "default", Duration.ofSeconds(30))
 *             .translate("billing", Direction.FORWARD, committed);
 *     if (!t.complete()) {
 *         // e.g. NotYetReplicated: the link is behind the group; read the maps again later.
 *         t.partitions().forEach(p -> System.err.println(p.partition() + ": " + p.status()));
 *         return;
 *     }
 *     dst.alterConsumerGroupOffsets("billing", t.toCommit(committed)).all().get();
 * }
 * }</pre>
 *
 * The group must have no members on the target while its offsets are written (Kafka refuses otherwise); {@code
 * cutover offsets sync} adds the other checks a migration wants (no rewind of a group that already moved, waiting for
 * the link to catch up). {@link dev.cutover.offsets.Direction#REVERSE} translates a moved group's target offsets back
 * to the source, for rollback.
 */
package dev.cutover.offsets;
