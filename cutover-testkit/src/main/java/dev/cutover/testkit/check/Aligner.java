package dev.cutover.testkit.check;

import java.util.Arrays;

/**
 * A longest common subsequence of two sequences by Myers' O((N+M)·D) difference algorithm in linear space: strip the
 * common prefix and suffix, find a split point on an optimal path by running the search from both ends until they
 * meet ("middle snake"), recurse on both halves. D is the number of differences, so long, nearly equal logs align in
 * near-linear time.
 *
 * <p>Elements are compared by 64-bit hash first and then by {@link Equality} only when hashes are equal, so a hash
 * collision never makes two different records match.
 *
 * <p>The search is bounded by a work budget (compared element pairs plus diagonals visited). If it is spent, the
 * remaining unaligned regions get no matches and the result is marked {@linkplain Result#approximate() approximate}:
 * it then over-reports differences but never hides one.
 */
final class Aligner {
    /** Deep equality of element {@code i} of the first sequence and {@code j} of the second. */
    @FunctionalInterface
    interface Equality {
        boolean equal(int i, int j);
    }

    /** Matched index pairs, ascending in both sequences. */
    record Result(int[] first, int[] second, int size, boolean approximate) {}

    static final long DEFAULT_BUDGET = 400_000_000L;

    private final long[] a;
    private final long[] b;
    private final Equality equality;
    private final long budget;
    private long work;
    private boolean approximate;
    private int[] mi = new int[16];
    private int[] mj = new int[16];
    private int size;

    private Aligner(long[] a, long[] b, Equality equality, long budget) {
        this.a = a;
        this.b = b;
        this.equality = equality;
        this.budget = budget;
    }

    static Result align(long[] aHashes, long[] bHashes, Equality equality, long budget) {
        Aligner aligner = new Aligner(aHashes, bHashes, equality, budget);
        aligner.diff(0, aHashes.length, 0, bHashes.length);
        return new Result(aligner.mi, aligner.mj, aligner.size, aligner.approximate);
    }

    private boolean eq(int i, int j) {
        return a[i] == b[j] && equality.equal(i, j);
    }

    private void match(int i, int j) {
        if (size == mi.length) {
            int grown = Math.max(16, size * 2);
            mi = Arrays.copyOf(mi, grown);
            mj = Arrays.copyOf(mj, grown);
        }
        mi[size] = i;
        mj[size] = j;
        size++;
    }

    private void diff(int aLo, int aHi, int bLo, int bHi) {
        while (aLo < aHi && bLo < bHi && eq(aLo, bLo)) {
            match(aLo++, bLo++);
        }
        int suffix = 0;
        while (aLo < aHi - suffix && bLo < bHi - suffix && eq(aHi - 1 - suffix, bHi - 1 - suffix)) {
            suffix++;
        }
        int aEnd = aHi - suffix;
        int bEnd = bHi - suffix;
        work += 1 + suffix;
        if (aLo < aEnd && bLo < bEnd) {
            if (work > budget) {
                approximate = true;
            } else {
                long split = middle(aLo, aEnd, bLo, bEnd);
                if (split >= 0) {
                    int x = (int) (split >>> 32);
                    int y = (int) split;
                    diff(aLo, x, bLo, y);
                    diff(x, aEnd, y, bEnd);
                } else if (split == GAVE_UP) {
                    approximate = true;
                }
                // NO_COMMON: the region shares no element, so it has no matches.
            }
        }
        for (int s = 0; s < suffix; s++) {
            match(aEnd + s, bEnd + s);
        }
    }

    private static final long NO_COMMON = -1;
    private static final long GAVE_UP = -2;

    /**
     * A point (x, y), packed, on an optimal edit path through the region whose first and last elements differ, strictly
     * inside it so both halves are smaller; or {@link #NO_COMMON} / {@link #GAVE_UP}.
     *
     * <p>Forward paths run on diagonals k = x − y from (0, 0); reverse paths on diagonals of the reversed region from
     * (n, m); reverse diagonal r corresponds to forward diagonal delta − r. {@code vf[k]} and {@code vb[r]} hold the
     * furthest x reached (the reverse x counted from the end); −1 marks "not reached".
     */
    private long middle(int aLo, int aHi, int bLo, int bHi) {
        int n = aHi - aLo;
        int m = bHi - bLo;
        int delta = n - m;
        boolean odd = (delta & 1) != 0;
        int maxD = (n + m + 1) / 2;
        int offset = maxD;
        int length = 2 * maxD + 2;
        int[] vf = new int[length];
        int[] vb = new int[length];
        Arrays.fill(vf, -1);
        Arrays.fill(vb, -1);
        vf[offset + 1] = 0;
        vb[offset + 1] = 0;
        // Diagonals that left the region (x > n or y > m) are skipped from then on.
        int fLow = 0;
        int fHigh = 0;
        int bLow = 0;
        int bHigh = 0;
        for (int d = 0; d < maxD; d++) {
            for (int k = -d + fLow; k <= d - fHigh; k += 2) {
                int ko = offset + k;
                int x = (k == -d || (k != d && vf[ko - 1] < vf[ko + 1])) ? vf[ko + 1] : vf[ko - 1] + 1;
                int y = x - k;
                int x0 = x;
                while (x < n && y < m && eq(aLo + x, bLo + y)) {
                    x++;
                    y++;
                }
                work += 1 + x - x0;
                vf[ko] = x;
                if (x > n) {
                    fHigh += 2;
                } else if (y > m) {
                    fLow += 2;
                } else if (odd) {
                    int ro = offset + delta - k;
                    if (ro >= 0 && ro < length && vb[ro] != -1 && x >= n - vb[ro]) {
                        return pack(aLo + x, bLo + y);
                    }
                }
            }
            for (int r = -d + bLow; r <= d - bHigh; r += 2) {
                int ro = offset + r;
                int x = (r == -d || (r != d && vb[ro - 1] < vb[ro + 1])) ? vb[ro + 1] : vb[ro - 1] + 1;
                int y = x - r;
                int x0 = x;
                while (x < n && y < m && eq(aHi - 1 - x, bHi - 1 - y)) {
                    x++;
                    y++;
                }
                work += 1 + x - x0;
                vb[ro] = x;
                if (x > n) {
                    bHigh += 2;
                } else if (y > m) {
                    bLow += 2;
                } else if (!odd) {
                    int k = delta - r;
                    int ko = offset + k;
                    if (ko >= 0 && ko < length && vf[ko] != -1 && vf[ko] >= n - x) {
                        int fx = vf[ko];
                        return pack(aLo + fx, bLo + fx - k);
                    }
                }
            }
            if (work > budget) {
                return GAVE_UP;
            }
        }
        return NO_COMMON;
    }

    private static long pack(int x, int y) {
        return ((long) x << 32) | (y & 0xFFFFFFFFL);
    }
}
