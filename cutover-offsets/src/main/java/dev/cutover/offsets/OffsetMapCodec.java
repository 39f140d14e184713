package dev.cutover.offsets;

import java.util.Arrays;
import java.util.List;

/**
 * The persisted form of a {@link PartitionOffsetMap}: a whole map (a snapshot) or an increment (what was appended
 * since a given {@code coveredTo}), small enough that the link can write an increment as a Kafka record value with
 * each progress commit.
 *
 * <h2>Byte layout, format version 1</h2>
 *
 * <pre>
 * byte    version          = 1; any other value is rejected
 * byte    kind             0 = whole map, 1 = increment
 * whole map:
 *   uvar  coveredFrom
 *   uvar  targetFrom
 *   zvar  sourceLogStart - coveredFrom        (zig-zag: either side of coveredFrom)
 *   zvar  targetLogStart - targetFrom
 *   uvar  runCount
 *   run × runCount                            (deltas start from prev = (coveredFrom, targetFrom))
 *   uvar  coveredTo  - prev source end
 *   uvar  targetNext - prev target end
 * increment:
 *   uvar  baseCoveredTo                       (the map's coveredTo the increment applies to)
 *   uvar  baseTarget                          (first run's targetStart, or targetNext if there is no run)
 *   uvar  runCount
 *   run × runCount                            (deltas start from prev = (baseCoveredTo, baseTarget))
 *   uvar  coveredTo  - prev source end
 *   uvar  targetNext - prev target end
 * run:
 *   uvar  head = (length - 1) &lt;&lt; 2 | (sourceGap != 1 ? 1 : 0) | (targetGap != 0 ? 2 : 0)
 *   uvar  sourceGap = sourceStart - prev source end     only if head bit 0
 *   uvar  targetGap = targetStart - prev target end     only if head bit 1
 *   then prev = (sourceStart + length, targetStart + length)
 * </pre>
 *
 * {@code uvar} is an unsigned LEB128 var-long (7 bits a byte, low bits first, at most 10 bytes); {@code zvar} is a
 * zig-zag var-long. Every delta but {@code sourceLogStart} is non-negative by the map's invariants, so it needs no
 * zig-zag. The head's flags make the common run one var-int: a run after a single transaction marker has {@code
 * sourceGap = 1} and, when the link writes consecutively, {@code targetGap = 0}.
 *
 * <h2>Size (measured by {@code OffsetMapCodecTest})</h2>
 *
 * <ul>
 *   <li>A gapless partition is one run: a whole map of a day at 1,000 records/s (86.4 million records) is 15 bytes,
 *       and does not grow with the record count.
 *   <li>A transactional source (one marker per transaction, one run each): 1 byte a run for transactions of up to 32
 *       records, 2 bytes up to 4,096 records. At 10 transactions/s that is 864,000 runs a day: 864,012 bytes (10
 *       records a transaction) or 1,728,012 bytes (100 records a transaction) per partition per day, encoded.
 *   <li>Runs after irregular gaps (compaction, aborted transactions) carry an explicit source gap: 2.73 bytes a run
 *       for runs of 1–50 records and gaps of 2–201 offsets.
 * </ul>
 *
 * <p>Decoding validates through {@link PartitionOffsetMap.Builder}, so a decoded map satisfies every invariant;
 * anything else is an {@link OffsetMapFormatException}.
 */
public final class OffsetMapCodec {
    /** The format version written as the first byte. */
    public static final byte VERSION = 1;

    private static final byte KIND_MAP = 0;
    private static final byte KIND_INCREMENT = 1;
    private static final long MAX_RUN_LENGTH = 1L << 61;

    private OffsetMapCodec() {}

    /** The whole map. */
    public static byte[] encode(PartitionOffsetMap map) {
        Writer w = new Writer(16 + 2 * map.runCount());
        w.header(KIND_MAP);
        w.uvar(map.coveredFrom());
        w.uvar(map.targetFrom());
        w.zvar(map.sourceLogStart() - map.coveredFrom());
        w.zvar(map.targetLogStart() - map.targetFrom());
        w.uvar(map.runCount());
        w.runsAndEnd(map, 0, map.coveredFrom(), map.targetFrom(), map.coveredFrom());
        return w.toByteArray();
    }

    /** Reads a whole map written by {@link #encode}. */
    public static PartitionOffsetMap decode(byte[] bytes) {
        Reader r = new Reader(bytes, KIND_MAP);
        try {
            long coveredFrom = r.uvar();
            long targetFrom = r.uvar();
            long sourceLogStart = Math.addExact(coveredFrom, r.zvar());
            long targetLogStart = Math.addExact(targetFrom, r.zvar());
            PartitionOffsetMap.Builder b = PartitionOffsetMap.builder(coveredFrom, targetFrom)
                    .sourceLogStart(sourceLogStart)
                    .targetLogStart(targetLogStart);
            r.runsAndEnd(b, coveredFrom, targetFrom);
            r.expectEnd();
            return b.build();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new OffsetMapFormatException("corrupt offset map: " + e.getMessage(), e);
        }
    }

    /**
     * What was appended to {@code map} since its {@code coveredTo} was {@code sinceCoveredTo}: the runs (or parts of
     * runs) at source offsets ≥ {@code sinceCoveredTo}, and the current {@code coveredTo} and {@code targetNext}.
     * Trimming and log starts are not carried by increments; persist a whole map for those.
     */
    public static byte[] encodeIncrement(PartitionOffsetMap map, long sinceCoveredTo) {
        if (sinceCoveredTo < map.coveredFrom() || sinceCoveredTo > map.coveredTo()) {
            throw new IllegalArgumentException("increment base " + sinceCoveredTo
                    + " lies outside the map's source range [" + map.coveredFrom() + ", " + map.coveredTo() + "]");
        }
        int first = map.firstRunEndingAfterSource(sinceCoveredTo);
        Writer w = new Writer(16 + 2 * (map.runCount() - first));
        w.header(KIND_INCREMENT);
        w.uvar(sinceCoveredTo);
        long baseTarget = map.targetNext();
        if (first < map.runCount()) {
            PartitionOffsetMap.Run run = map.runs().get(first);
            baseTarget = run.targetStart() + Math.max(0, sinceCoveredTo - run.sourceStart());
        }
        w.uvar(baseTarget);
        w.uvar(map.runCount() - first);
        w.runsAndEnd(map, first, sinceCoveredTo, baseTarget, sinceCoveredTo);
        return w.toByteArray();
    }

    /** The {@code coveredTo} an increment applies to: the source offset where the increment begins. */
    public static long incrementBase(byte[] increment) {
        return new Reader(increment, KIND_INCREMENT).uvar();
    }

    /** {@code map} with one increment applied; see {@link #applyIncrements}. */
    public static PartitionOffsetMap applyIncrement(PartitionOffsetMap map, byte[] increment) {
        return applyIncrements(map, List.of(increment));
    }

    /**
     * {@code map} with the increments applied in order. An increment must start at the map's current {@code
     * coveredTo}; one that ends at or before it is already contained and skipped (so a log of increments can be
     * replayed over a later snapshot); one that starts elsewhere is rejected.
     */
    public static PartitionOffsetMap applyIncrements(PartitionOffsetMap map, Iterable<byte[]> increments) {
        PartitionOffsetMap.Builder b = map.toBuilder();
        for (byte[] bytes : increments) {
            Reader r = new Reader(bytes, KIND_INCREMENT);
            try {
                long base = r.uvar();
                long baseTarget = r.uvar();
                PartitionOffsetMap.Builder inc = PartitionOffsetMap.builder(base, baseTarget);
                r.runsAndEnd(inc, base, baseTarget);
                r.expectEnd();
                PartitionOffsetMap parsed = inc.build();
                if (base == b.coveredTo()) {
                    for (PartitionOffsetMap.Run run : parsed.runs()) {
                        b.copiedRun(run.sourceStart(), run.targetStart(), run.length());
                    }
                    b.readUpTo(parsed.coveredTo()).writesNextAt(parsed.targetNext());
                } else if (parsed.coveredTo() > b.coveredTo()) {
                    throw new OffsetMapFormatException("increment covers source offsets [" + base + ", "
                            + parsed.coveredTo() + ") but the map covers up to " + b.coveredTo()
                            + ": an increment is missing or out of order");
                }
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new OffsetMapFormatException("corrupt offset map increment: " + e.getMessage(), e);
            }
        }
        return b.build();
    }

    private static final class Writer {
        private byte[] buf;
        private int size;

        Writer(int capacity) {
            buf = new byte[Math.max(capacity, 16)];
        }

        void header(byte kind) {
            put(VERSION);
            put(kind);
        }

        void runsAndEnd(PartitionOffsetMap map, int first, long prevSource, long prevTarget, long cutBelow) {
            long ps = prevSource;
            long pt = prevTarget;
            for (int i = first; i < map.runCount(); i++) {
                PartitionOffsetMap.Run run = map.runs().get(i);
                long cut = Math.max(0, cutBelow - run.sourceStart());
                long sourceStart = run.sourceStart() + cut;
                long targetStart = run.targetStart() + cut;
                long length = run.length() - cut;
                if (length > MAX_RUN_LENGTH) {
                    throw new IllegalArgumentException("run of " + length + " records is too long to encode");
                }
                long sourceGap = sourceStart - ps;
                long targetGap = targetStart - pt;
                uvar((length - 1) << 2 | (sourceGap != 1 ? 1 : 0) | (targetGap != 0 ? 2 : 0));
                if (sourceGap != 1) {
                    uvar(sourceGap);
                }
                if (targetGap != 0) {
                    uvar(targetGap);
                }
                ps = sourceStart + length;
                pt = targetStart + length;
            }
            uvar(map.coveredTo() - ps);
            uvar(map.targetNext() - pt);
        }

        void zvar(long v) {
            unsigned((v << 1) ^ (v >> 63));
        }

        void uvar(long v) {
            if (v < 0) {
                throw new IllegalStateException("negative delta " + v + ": the offset map's invariants are broken");
            }
            unsigned(v);
        }

        private void unsigned(long v) {
            while ((v & ~0x7FL) != 0) {
                put((byte) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            put((byte) v);
        }

        private void put(byte b) {
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[size++] = b;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }

    private static final class Reader {
        private final byte[] buf;
        private int pos;

        Reader(byte[] bytes, byte expectedKind) {
            if (bytes == null || bytes.length < 2) {
                throw new OffsetMapFormatException("corrupt offset map: " + (bytes == null ? "null" : bytes.length)
                        + " bytes, too short for the 2-byte header");
            }
            if (bytes[0] != VERSION) {
                throw new OffsetMapFormatException("unknown offset map format version " + (bytes[0] & 0xFF)
                        + "; this build reads version " + VERSION + " (upgrade cutover-offsets)");
            }
            if (bytes[1] != expectedKind) {
                throw new OffsetMapFormatException("expected " + kindName(expectedKind) + " but got "
                        + (bytes[1] == KIND_MAP || bytes[1] == KIND_INCREMENT
                                ? kindName(bytes[1])
                                : "kind " + bytes[1]));
            }
            this.buf = bytes;
            this.pos = 2;
        }

        private static String kindName(byte kind) {
            return kind == KIND_MAP ? "a whole offset map" : "an offset map increment";
        }

        void runsAndEnd(PartitionOffsetMap.Builder b, long prevSource, long prevTarget) {
            long count = uvar();
            if (count > buf.length - pos) {
                throw new OffsetMapFormatException(
                        "corrupt offset map: " + count + " runs cannot fit in " + (buf.length - pos) + " bytes");
            }
            long ps = prevSource;
            long pt = prevTarget;
            for (long i = 0; i < count; i++) {
                long head = uvar();
                long length = (head >>> 2) + 1;
                long sourceStart = Math.addExact(ps, (head & 1) != 0 ? uvar() : 1);
                long targetStart = Math.addExact(pt, (head & 2) != 0 ? uvar() : 0);
                b.copiedRun(sourceStart, targetStart, length);
                ps = sourceStart + length;
                pt = targetStart + length;
            }
            b.readUpTo(Math.addExact(ps, uvar()));
            b.writesNextAt(Math.addExact(pt, uvar()));
        }

        long zvar() {
            long v = unsigned();
            return (v >>> 1) ^ -(v & 1);
        }

        long uvar() {
            long v = unsigned();
            if (v < 0) {
                throw new OffsetMapFormatException("corrupt offset map: value out of range before byte " + pos);
            }
            return v;
        }

        private long unsigned() {
            long v = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                if (pos >= buf.length) {
                    throw new OffsetMapFormatException("corrupt offset map: truncated at byte " + pos);
                }
                byte b = buf[pos++];
                if (shift == 63 && (b & 0xFE) != 0) {
                    throw new OffsetMapFormatException("corrupt offset map: var-int overflows 64 bits at byte " + pos);
                }
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
            throw new OffsetMapFormatException("corrupt offset map: var-int longer than 10 bytes at byte " + pos);
        }

        void expectEnd() {
            if (pos != buf.length) {
                throw new OffsetMapFormatException(
                        "corrupt offset map: " + (buf.length - pos) + " trailing bytes after byte " + pos);
            }
        }
    }
}
