package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cutover probe} without a broker: usage errors are exit 2, a target that does not answer exit 3, in time. */
class ProbeCommandTest {
    @TempDir
    Path ws;

    @Test
    void anUnknownWorkloadIsAUsageErrorListingTheKnownOnes() throws Exception {
        workspace();

        Cli.Result r = Cli.run("probe", "--workspace", ws.toString(), "--workload", "nope");

        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("no workload 'nope'", "billing");
    }

    @Test
    void theSourceIsNeverProbed() throws Exception {
        workspace();
        Files.writeString(
                ws.resolve("cutover.yaml"),
                "version: 1\nclusters:\n  source: {properties: {bootstrap.servers: 127.0.0.1:9}, timeout: 2s}\n"
                        + "  target: {properties: {bootstrap.servers: 127.0.0.1:9}, timeout: 2s}\n");

        Cli.Result named =
                Cli.run("probe", "--workspace", ws.toString(), "--workload", "billing", "--cluster", "source");
        Cli.Result same = Cli.run("probe", "--workspace", ws.toString(), "--workload", "billing");

        for (Cli.Result r : new Cli.Result[] {named, same}) {
            assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
            assertThat(r.err()).contains("never writes to the source");
        }
    }

    @Test
    void anUnknownClientVersionIsAUsageErrorBeforeAnythingRuns() throws Exception {
        workspace();

        Cli.Result r =
                Cli.run("probe", "--workspace", ws.toString(), "--workload", "billing", "--clients", "2.8.2,latest");

        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("--clients: not a kafka-clients version: 'latest'", "0.11.0.3,2.8.2");
        assertThat(ws.resolve("evidence")).doesNotExist();
    }

    @Test
    void anInvalidLinkNameIsAUsageErrorBeforeAnythingRuns() throws Exception {
        workspace();

        Cli.Result r =
                Cli.run("probe", "--workspace", ws.toString(), "--workload", "billing", "--link", "no/such link");

        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("'no/such link' is not a link name");
        assertThat(ws.resolve("evidence")).doesNotExist();
    }

    @Test
    void aMissingClientConfigFileIsAUsageError() throws Exception {
        workspace();

        Cli.Result r = Cli.run(
                "probe",
                "--workspace",
                ws.toString(),
                "--workload",
                "billing",
                "--client-config",
                ws.resolve("absent.properties").toString());

        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("absent.properties");
    }

    @Test
    void aTargetThatDoesNotAnswerIsAFailedCheckAndExitThreeWithinTheTimeout() throws Exception {
        workspace();
        long started = System.nanoTime();

        Cli.Result r = Cli.run("probe", "--workspace", ws.toString(), "--workload", "billing");

        assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
        assertThat(r.out()).contains("| target answers | protocol | fail |");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(ws.resolve("evidence")).doesNotExist();
    }

    @Test
    void helpTeachesTheChecksAndExitCodes() {
        Cli.Result r = Cli.run("probe", "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains(
                        "--client-config",
                        "--clients",
                        "--clients-dir",
                        "__cutover-probe-",
                        "wrong SASL PLAIN/SCRAM password",
                        "3 the target");
    }

    private void workspace() throws Exception {
        Files.writeString(
                ws.resolve("cutover.yaml"),
                "version: 1\nclusters:\n  target: {properties: {bootstrap.servers: 127.0.0.1:9}, timeout: 2s}\n");
        Files.writeString(
                ws.resolve("workloads.yaml"),
                """
                version: 1
                workloads:
                  - name: billing
                    owner: team-billing
                    roles: [consumer]
                    topics: [invoices]
                    match: {groupId: billing}
                """);
    }
}
