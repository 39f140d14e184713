package dev.cutover.bench;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;

/**
 * MirrorMaker 2 and Kafka Connect are not on the product's class path (cutover-bench declares them {@code provided}):
 * the {@code ./cutover} launcher adds {@code cutover-cli/target/bench-lib} only for {@code cutover bench}. This says so
 * plainly when they are missing, instead of a {@link NoClassDefFoundError} half-way through a run.
 */
public final class BenchClassPath {
    /** A class of connect-mirror, loaded by name only: referring to it would load Connect with this class. */
    static final String MIRROR_MAKER = "org.apache.kafka.connect.mirror.MirrorMaker";

    /** Kafka Connect's distributed worker (connect-runtime), which the Connect contenders start. */
    static final String CONNECT_WORKER = "org.apache.kafka.connect.cli.ConnectDistributed";

    private BenchClassPath() {}

    /** True when MirrorMaker 2 can be loaded by the bench's class loader. */
    public static boolean hasMirrorMaker() {
        return loadable(MIRROR_MAKER);
    }

    /**
     * Throws a {@link Reason#USAGE} error naming the fix unless Kafka Connect's worker and cutover's connector
     * (cutover-connect) can be loaded: the Connect contenders' workers run on this JVM's class path.
     */
    public static void requireConnect() {
        for (String name :
                java.util.List.of(CONNECT_WORKER, dev.cutover.link.connect.ConnectorConfig.CONNECTOR_CLASS)) {
            if (!loadable(name)) {
                throw new CutoverException(
                        Reason.USAGE,
                        name + " is not on the class path: the Connect contenders of `cutover bench link` run Kafka"
                                + " Connect workers (connect-runtime) with cutover's connector (cutover-connect) on this"
                                + " JVM's class path",
                        "run it through the ./cutover launcher, which adds cutover-cli/target/bench-lib/* (both are"
                                + " there) for `cutover bench`, or add that directory to the class path yourself");
            }
        }
    }

    private static boolean loadable(String name) {
        try {
            Class.forName(name, false, BenchClassPath.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Throws a {@link Reason#USAGE} error naming the fix unless MirrorMaker 2 can be loaded. */
    public static void requireMirrorMaker() {
        if (!hasMirrorMaker()) {
            throw new CutoverException(
                    Reason.USAGE,
                    "MirrorMaker 2 (connect-mirror) is not on the class path: `cutover bench link` runs it as a"
                            + " contender",
                    "run it through the ./cutover launcher, which adds cutover-cli/target/bench-lib/* for `cutover"
                            + " bench`, or add that directory to the class path yourself");
        }
    }
}
