package dev.cutover.sandbox.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.clients.CountingStreamsCheck.Input;
import dev.cutover.sandbox.clients.CountingStreamsCheck.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CountingStreamsCheckTest {
    private static final long T0 = 1_700_000_000_000L - Math.floorMod(1_700_000_000_000L, 60_000L);

    /** 30 input records, one every 5 s: customers 0..6 (value mod 7), regions 0..2, in three windows. */
    private static List<Input> input() {
        List<Input> in = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            in.add(new Input(T0 + i * 5_000L, "writer-" + i));
        }
        return in;
    }

    /** What the application writes for {@code input}, every update in one partition in input order. */
    private static List<Output> counts(List<Input> input) {
        Map<String, Long> seen = new java.util.HashMap<>();
        List<Output> out = new ArrayList<>();
        for (Input i : input) {
            String c = CountingStreams.customer(i.value());
            out.add(new Output(c, Long.toString(seen.merge(c, 1L, Long::sum))));
        }
        return out;
    }

    @Test
    void exactOutputsHaveNoDifference() {
        List<Input> in = input();
        assertThat(CountingStreamsCheck.differences(
                        "c", Map.of(0, counts(in)), CountingStreamsCheck.expectedCounts(in)))
                .isEmpty();
        assertThat(CountingStreamsCheck.expectedRegions(in))
                .hasSize(3 * 3)
                .containsEntry("region-0@" + T0, 4L)
                .containsEntry("region-1@" + (T0 + 60_000), 4L);
    }

    @Test
    void oneRecordCountedTwiceIsFound() {
        List<Input> in = input();
        List<Input> twice = new ArrayList<>(in);
        twice.add(11, in.get(10)); // the application read input record 10 again
        List<String> problems = CountingStreamsCheck.differences(
                "c", Map.of(0, counts(twice)), CountingStreamsCheck.expectedCounts(in));
        assertThat(problems).containsExactly("c customer-3: 5 update(s), expected 4 (one per input record)");

        List<Output> copiedTwice = new ArrayList<>(counts(in));
        copiedTwice.add(11, copiedTwice.get(10)); // an update written twice (a copy repeated)
        assertThat(CountingStreamsCheck.differences(
                        "c", Map.of(0, copiedTwice), CountingStreamsCheck.expectedCounts(in)))
                .first()
                .asString()
                .startsWith("c customer-3: update 3 is 2");
    }

    @Test
    void oneLostUpdateAndARestartedCountAreFound() {
        List<Input> in = input();
        List<Output> lost = new ArrayList<>(counts(in));
        lost.remove(lost.size() - 1); // the last update of customer-1 (input 29) is missing
        assertThat(CountingStreamsCheck.differences("c", Map.of(0, lost), CountingStreamsCheck.expectedCounts(in)))
                .containsExactly("c customer-1: 4 update(s), expected 5 (one per input record)");

        List<Output> restarted = new ArrayList<>(counts(in.subList(0, 15)));
        restarted.addAll(counts(in.subList(15, 30))); // the state was lost halfway: counts start at 1 again
        assertThat(CountingStreamsCheck.differences("c", Map.of(0, restarted), CountingStreamsCheck.expectedCounts(in)))
                .anySatisfy(p -> assertThat(p).contains(": update 3 is 1"));
    }
}
