package dev.cutover.testkit.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AlignerTest {
    @Test
    void findsALongestCommonSubsequenceOnRandomInputs() {
        Random random = new Random(42);
        for (int round = 0; round < 3_000; round++) {
            // Given small alphabets, so repeats and crossings are common
            long[] a = random(random, random.nextInt(25), 1 + random.nextInt(4));
            long[] b = mutate(random, a);

            // When
            Aligner.Result result = Aligner.align(a, b, (i, j) -> true, Aligner.DEFAULT_BUDGET);

            // Then: a valid common subsequence, as long as the DP's
            for (int k = 0; k < result.size(); k++) {
                assertThat(a[result.first()[k]]).isEqualTo(b[result.second()[k]]);
                if (k > 0) {
                    assertThat(result.first()[k]).isGreaterThan(result.first()[k - 1]);
                    assertThat(result.second()[k]).isGreaterThan(result.second()[k - 1]);
                }
            }
            assertThat(result.size()).as("round %d", round).isEqualTo(lcsLength(a, b));
            assertThat(result.approximate()).isFalse();
        }
    }

    @Test
    void equalHashesAreNotEnough() {
        long[] a = {1, 1, 1};
        long[] b = {1, 1, 1};

        Aligner.Result result = Aligner.align(a, b, (i, j) -> i != 1 && j != 1, Aligner.DEFAULT_BUDGET);

        assertThat(result.size()).isEqualTo(2);
    }

    @Test
    void spentBudgetIsReportedNotHidden() {
        Random random = new Random(7);
        long[] a = random(random, 2_000, 50);
        long[] b = random(random, 2_000, 50);

        Aligner.Result result = Aligner.align(a, b, (i, j) -> true, 1_000);

        assertThat(result.approximate()).isTrue();
        assertThat(result.size()).isLessThanOrEqualTo(lcsLength(a, b));
    }

    private static long[] random(Random random, int length, int alphabet) {
        long[] values = new long[length];
        for (int i = 0; i < length; i++) {
            values[i] = random.nextInt(alphabet);
        }
        return values;
    }

    private static long[] mutate(Random random, long[] a) {
        List<Long> b = new ArrayList<>();
        for (long v : a) {
            int roll = random.nextInt(10);
            if (roll == 0) {
                continue;
            }
            if (roll == 1) {
                b.add((long) random.nextInt(5));
            }
            b.add(roll == 2 ? random.nextInt(5) : v);
        }
        if (random.nextBoolean()) {
            b.add((long) random.nextInt(5));
        }
        return b.stream().mapToLong(Long::longValue).toArray();
    }

    private static int lcsLength(long[] a, long[] b) {
        int[][] dp = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                dp[i][j] = a[i] == b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
            }
        }
        return dp[0][0];
    }
}
