package dev.cutover.probe.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.ConnectionProfile;
import dev.cutover.probe.traffic.ProbeCheck.Status;
import dev.cutover.probe.traffic.ProbeTopics;
import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The matrix against a real 4.3.1 broker: four kafka-clients generations (downloaded from Maven Central at first use
 * into {@code target/clients-cache}, so reruns are fast) and kcat when installed all produce, consume, commit and keep
 * headers; a client the broker no longer serves, and a repository that does not answer, fail with why, within bounds.
 */
@ExtendWith(ClustersExtension.class)
class ClientMatrixIT {
    static final Path CACHE = Path.of("target", "clients-cache");

    @Test
    void fourGenerationsAndKcatRoundTripAgainstTheTarget(@Cluster("target") EmbeddedCluster target) throws Exception {
        // Given
        List<ClientSpec> clients = ClientSpec.parseList("0.11.0.3,2.8.2,3.9.1,4.3.1,kcat");

        // When
        ClientMatrix.Result result = run(target, clients, central(), Duration.ofSeconds(60));

        // Then every kafka-clients row passes every check, and kcat passes or says it is not installed
        assertThat(result.rows()).hasSize(5);
        for (MatrixRow row : result.rows().subList(0, 4)) {
            assertThat(row.status()).as(row.client() + ": " + row.details()).isEqualTo(Status.PASS);
            for (MatrixCheck c : MatrixCheck.values()) {
                assertThat(row.check(c)).as(row.client() + " " + c).isEqualTo(Status.PASS);
            }
            System.out.println("matrix: " + row.client() + " " + row.durationMs() + " ms");
        }
        MatrixRow kcat = result.rows().get(4);
        if (KcatRun.find().isPresent()) {
            assertThat(kcat.status()).as(kcat.details()).isEqualTo(Status.PASS);
            assertThat(kcat.summary()).isEqualTo("produce pass, consume pass, commit pass, headers pass");
            System.out.println("matrix: kcat " + kcat.durationMs() + " ms");
        } else {
            assertThat(kcat.status()).isEqualTo(Status.SKIPPED);
            assertThat(kcat.details()).startsWith("not installed");
        }
        assertThat(result.leftBehind()).isEmpty();
        assertNoProbeTopicLeft(target);
        assertThat(MatrixRendering.checks(result))
                .extracting(c -> c.status())
                .doesNotContain(Status.FAIL, Status.UNKNOWN);
    }

    @Test
    void aClientTheTargetNoLongerServesFailsWithinItsBound(@Cluster("target") EmbeddedCluster target) throws Exception {
        // Given 0.10.2.2, whose produce request versions 4.x brokers removed (KIP-896), and a 15 s bound
        Duration bound = Duration.ofSeconds(15);

        // When
        long t0 = System.nanoTime();
        ClientMatrix.Result result = run(target, ClientSpec.parseList("0.10.2.2"), central(), bound);
        long tookMs = (System.nanoTime() - t0) / 1_000_000;

        // Then it fails at produce, says so, and the run did not wait much beyond the bound (resolution and topic
        // creation come on top)
        MatrixRow row = result.rows().get(0);
        System.out.println("matrix: 0.10.2.2 " + row.durationMs() + " ms: " + row.details());
        assertThat(row.status()).isEqualTo(Status.FAIL);
        assertThat(row.check(MatrixCheck.PRODUCE)).isEqualTo(Status.FAIL);
        assertThat(row.details()).startsWith("0.10.2.2: ");
        assertThat(tookMs).isLessThan(bound.toMillis() + 30_000);
        assertNoProbeTopicLeft(target);
    }

    @Test
    void aCodecAClientCannotReadFailsItsRowAndNotTheOthers(@Cluster("target") EmbeddedCluster target) throws Exception {
        // Given the workload's topic stores zstd on the target (compression.type=zstd: the broker recompresses), which
        // kafka-clients before 2.1 cannot fetch, and a 20 s bound
        ConnectionProfile profile = new ConnectionProfile(
                "target", Map.of("bootstrap.servers", target.bootstrapServers()), List.of(), Duration.ofSeconds(15));

        // When
        long t0 = System.nanoTime();
        ClientMatrix.Result result = new ClientMatrix()
                .run(new ClientMatrix.Request(
                                "matrix-it",
                                ClientSpec.parseList("0.11.0.3,2.8.2"),
                                profile,
                                central(),
                                Duration.ofSeconds(20),
                                20)
                        .withTopicConfigs(Map.of("compression.type", "zstd")));
        long tookMs = (System.nanoTime() - t0) / 1_000_000;

        // Then 0.11.0.3 produces but cannot consume, and says so; 2.8.2 passes; nothing hangs or is left behind
        MatrixRow old = result.rows().get(0);
        System.out.println("matrix zstd: 0.11.0.3 " + old.durationMs() + " ms: " + old.details());
        assertThat(old.status()).isEqualTo(Status.FAIL);
        assertThat(old.check(MatrixCheck.PRODUCE)).isEqualTo(Status.PASS);
        assertThat(old.check(MatrixCheck.CONSUME)).isEqualTo(Status.FAIL);
        assertThat(old.details()).contains("consuming failed", "zstd");
        MatrixRow newer = result.rows().get(1);
        assertThat(newer.status()).as(newer.details()).isEqualTo(Status.PASS);
        assertThat(tookMs).isLessThan(20_000 + 40_000);
        assertNoProbeTopicLeft(target);
    }

    @Test
    void anUnreachableRepositoryFailsThatRowWithWhy(@Cluster("target") EmbeddedCluster target) throws Exception {
        // Given a repository nobody listens on, and an empty cache
        Path empty = Files.createTempDirectory(Path.of("target"), "empty-cache");
        ClientJars jars = new ClientJars(Optional.empty(), empty, "http://127.0.0.1:9/maven2/", Duration.ofSeconds(5));

        // When
        ClientMatrix.Result result = run(target, ClientSpec.parseList("3.9.1"), jars, Duration.ofSeconds(30));

        // Then
        MatrixRow row = result.rows().get(0);
        assertThat(row.status()).isEqualTo(Status.FAIL);
        assertThat(row.details())
                .startsWith("kafka-clients 3.9.1 could not be resolved: http://127.0.0.1:9/maven2/org/apache/kafka/");
        assertThat(empty.resolve("3.9.1").resolve(ClientJars.COMPLETE)).doesNotExist();
    }

    @Test
    void anUnreachableBootstrapFailsEveryRowWithinTheProfilesTimeout() {
        // Given a target profile nobody answers, with a 3 s timeout
        ConnectionProfile nowhere = new ConnectionProfile(
                "target", Map.of("bootstrap.servers", "127.0.0.1:9"), List.of(), Duration.ofSeconds(3));

        // When
        long t0 = System.nanoTime();
        ClientMatrix.Result result = new ClientMatrix()
                .run(new ClientMatrix.Request(
                        "matrix-it",
                        ClientSpec.parseList("4.3.1,kcat"),
                        nowhere,
                        central(),
                        Duration.ofSeconds(10),
                        20));

        // Then
        assertThat(result.rows()).extracting(MatrixRow::status).containsExactly(Status.FAIL, Status.FAIL);
        assertThat(result.rows().get(0).details()).startsWith("the target did not answer");
        assertThat(result.probeTopics()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    }

    static ClientJars central() {
        return new ClientJars(Optional.empty(), CACHE, ClientJars.MAVEN_CENTRAL, Duration.ofSeconds(60));
    }

    static ClientMatrix.Result run(EmbeddedCluster target, List<ClientSpec> clients, ClientJars jars, Duration bound) {
        ConnectionProfile profile = new ConnectionProfile(
                "target", Map.of("bootstrap.servers", target.bootstrapServers()), List.of(), Duration.ofSeconds(15));
        return new ClientMatrix().run(new ClientMatrix.Request("matrix-it", clients, profile, jars, bound, 20));
    }

    static void assertNoProbeTopicLeft(EmbeddedCluster target) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", target.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).noneMatch(t -> t.startsWith(ProbeTopics.PREFIX));
        }
    }
}
