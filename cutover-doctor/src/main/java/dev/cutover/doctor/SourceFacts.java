package dev.cutover.doctor;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What the target's checks need to know of the source: the topics each link would copy (those this principal may
 * see), the consumer groups {@code offsets sync} would move, and how much the linked topics hold.
 *
 * @param linked link name → the source topics it selects, sorted
 * @param partitions link name → how many partitions those topics have
 * @param bytes link name → bytes the linked topics hold on the source, one replica each; empty when not readable
 * @param groups the source's consumer groups this principal may describe, sorted
 */
record SourceFacts(
        Map<String, List<String>> linked,
        Map<String, Integer> partitions,
        Map<String, OptionalLong> bytes,
        List<String> groups) {}
