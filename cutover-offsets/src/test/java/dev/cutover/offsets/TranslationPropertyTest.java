package dev.cutover.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.offsets.PartitionOffsetMap.Run;
import dev.cutover.offsets.Translation.Exact;
import dev.cutover.offsets.Translation.NotCovered;
import dev.cutover.offsets.Translation.NotYetReplicated;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random source streams with random gaps, checked against a brute-force reference at every offset. */
class TranslationPropertyTest {
    private static final int STREAMS = 10_000;

    /** What the link copied, and how far it read and wrote: the reference the map must agree with. */
    private record Stream(
            long coveredFrom,
            long coveredTo,
            long logStart,
            long targetFrom,
            long targetLogStart,
            long targetNext,
            long[] sources,
            long[] targets) {

        Translation translate(long s) {
            long from = Math.max(s, logStart);
            if (from < coveredFrom) {
                return new NotCovered(coveredFrom, "");
            }
            if (from > coveredTo) {
                return new NotYetReplicated(coveredTo);
            }
            for (int i = 0; i < sources.length; i++) {
                if (sources[i] >= from) {
                    return new Exact(targets[i]);
                }
            }
            return new Exact(targetNext);
        }

        Translation translateReverse(long committed) {
            long t = Math.max(committed, targetLogStart);
            if (t < targetFrom) {
                return new NotCovered(targetFrom, "");
            }
            if (t > targetNext) {
                return new NotYetReplicated(targetNext);
            }
            for (int i = 0; i < sources.length; i++) {
                if (targets[i] >= t && sources[i] >= logStart) {
                    return new Exact(sources[i]);
                }
            }
            return new Exact(Math.max(coveredTo, logStart));
        }

        Stream trimmed(long x) {
            return new Stream(
                    coveredFrom,
                    coveredTo,
                    Math.max(logStart, x),
                    targetFrom,
                    targetLogStart,
                    targetNext,
                    sources,
                    targets);
        }
    }

    @Test
    void mapAgreesWithBruteForceOnRandomStreams() {
        Random random = new Random(20261125L);
        for (int n = 0; n < STREAMS; n++) {
            // Given a random stream: start, copy probability, gap pattern, target gaps
            long coveredFrom = random.nextInt(30);
            long targetFrom = random.nextInt(30);
            long logStart =
                    switch (random.nextInt(3)) {
                        case 0 -> 0;
                        case 1 -> coveredFrom;
                        default -> random.nextInt((int) coveredFrom + 1);
                    };
            long targetLogStart = random.nextBoolean() ? 0 : random.nextInt((int) targetFrom + 1);
            double copyProbability = 0.2 + 0.8 * random.nextDouble();
            int walk = random.nextInt(80);
            List<long[]> copied = new ArrayList<>();
            long target = targetFrom;
            for (long s = coveredFrom; s < coveredFrom + walk; s++) {
                if (random.nextDouble() < copyProbability) {
                    if (random.nextInt(10) == 0) {
                        target += 1 + random.nextInt(3); // the link's own control records on the target
                    }
                    copied.add(new long[] {s, target++});
                }
            }
            long coveredTo = coveredFrom + walk;

            // When the link reports it in random-sized batches, via the builder or the immutable value
            PartitionOffsetMap.Builder builder = PartitionOffsetMap.builder(coveredFrom, targetFrom)
                    .sourceLogStart(logStart)
                    .targetLogStart(targetLogStart);
            PartitionOffsetMap map = builder.build();
            List<byte[]> increments = new ArrayList<>();
            PartitionOffsetMap start = map;
            int i = 0;
            while (i < copied.size() || map.coveredTo() < coveredTo) {
                int size = Math.min(copied.size() - i, random.nextInt(9));
                long[] sources = new long[size];
                long[] targets = new long[size];
                for (int k = 0; k < size; k++) {
                    sources[k] = copied.get(i + k)[0];
                    targets[k] = copied.get(i + k)[1];
                }
                i += size;
                long nextCopied = i < copied.size() ? copied.get(i)[0] : coveredTo;
                long minRead = size > 0 ? sources[size - 1] + 1 : map.coveredTo();
                long readUpTo = minRead + random.nextInt((int) (nextCopied - minRead) + 1);
                long before = map.coveredTo();
                if (random.nextBoolean()) {
                    map = map.withCopied(sources, targets, readUpTo);
                } else {
                    for (int k = 0; k < size; k++) {
                        builder.copied(sources[k], targets[k]);
                    }
                    map = builder.readUpTo(readUpTo).build();
                }
                builder = map.toBuilder();
                increments.add(OffsetMapCodec.encodeIncrement(map, before));
            }
            long targetNext = copied.isEmpty() ? targetFrom : copied.get(copied.size() - 1)[1] + 1;
            if (random.nextInt(4) == 0) {
                targetNext += random.nextInt(3);
                map = map.toBuilder().writesNextAt(targetNext).build();
                increments.add(OffsetMapCodec.encodeIncrement(map, map.coveredTo()));
            }
            Stream reference = new Stream(
                    coveredFrom,
                    coveredTo,
                    logStart,
                    targetFrom,
                    targetLogStart,
                    targetNext,
                    copied.stream().mapToLong(r -> r[0]).toArray(),
                    copied.stream().mapToLong(r -> r[1]).toArray());

            // Then
            String context = "stream " + n + ": " + map;
            assertThat(map.coveredTo()).as(context).isEqualTo(coveredTo);
            assertThat(map.targetNext()).as(context).isEqualTo(targetNext);
            assertRunsAreMaximal(map, copied.size(), context);
            assertAgrees(map, reference, context);
            assertThat(OffsetMapCodec.decode(OffsetMapCodec.encode(map)))
                    .as(context)
                    .isEqualTo(map);
            assertThat(OffsetMapCodec.applyIncrements(start, increments))
                    .as(context)
                    .isEqualTo(map);

            // and after retention moves the source's log start
            long cut = random.nextInt((int) coveredTo + 4);
            PartitionOffsetMap trimmed = map.trimBelowSource(cut);
            assertAgrees(trimmed, reference.trimmed(cut), context + " trimmed below " + cut);
            assertThat(OffsetMapCodec.decode(OffsetMapCodec.encode(trimmed)))
                    .as(context)
                    .isEqualTo(trimmed);
            // a raised log start without dropping runs answers the same
            PartitionOffsetMap raised = map.toBuilder().sourceLogStart(cut).build();
            assertAgrees(raised, reference.trimmed(cut), context + " log start raised to " + cut);
        }
    }

    private static void assertRunsAreMaximal(PartitionOffsetMap map, int records, String context) {
        long total = 0;
        Run previous = null;
        for (Run run : map.runs()) {
            total += run.length();
            if (previous != null) {
                assertThat(run.sourceStart()).as(context).isGreaterThanOrEqualTo(previous.sourceEnd());
                assertThat(run.targetStart()).as(context).isGreaterThanOrEqualTo(previous.targetEnd());
                assertThat(run.sourceStart() == previous.sourceEnd() && run.targetStart() == previous.targetEnd())
                        .as(context + ": contiguous runs must merge")
                        .isFalse();
            }
            previous = run;
        }
        assertThat(total).as(context).isEqualTo(records);
    }

    private static void assertAgrees(PartitionOffsetMap map, Stream reference, String context) {
        for (long s = reference.coveredFrom() - 5; s <= reference.coveredTo() + 5; s++) {
            assertSame(map.translate(s), reference.translate(s), context + ", translate(" + s + ")");
        }
        for (long t = reference.targetFrom() - 5; t <= reference.targetNext() + 5; t++) {
            assertSame(
                    map.translateReverse(t), reference.translateReverse(t), context + ", translateReverse(" + t + ")");
        }
    }

    private static void assertSame(Translation actual, Translation expected, String context) {
        if (expected instanceof NotCovered e) {
            assertThat(actual).as(context).isInstanceOf(NotCovered.class);
            assertThat(((NotCovered) actual).coveredFrom()).as(context).isEqualTo(e.coveredFrom());
        } else {
            assertThat(actual).as(context).isEqualTo(expected);
        }
    }
}
