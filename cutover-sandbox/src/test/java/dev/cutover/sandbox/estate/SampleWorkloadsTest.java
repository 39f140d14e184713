package dev.cutover.sandbox.estate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.Workload;
import dev.cutover.config.Workspace;
import dev.cutover.sandbox.Sandbox;
import dev.cutover.sandbox.SecurityMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample workloads.yaml describes the estate the sandbox seeds, in the mode it seeds it (no broker). */
class SampleWorkloadsTest {
    /** Seeded, running, and deliberately owned by nobody (see the file's header). */
    private static final List<String> UNOWNED = List.of("web-tracker", "inventory-sync", "clickstream-analytics");

    @TempDir
    Path dir;

    @Test
    void secureSandboxWorkloadsNameThePrincipalEachSeededServiceLogsInAs() throws Exception {
        List<Workload> workloads = sample(SecurityMode.SASL_SCRAM);
        for (SeededClient client : EstatePlan.clients(SecurityMode.SASL_SCRAM)) {
            List<Workload> owners = owners(workloads, client);
            if (UNOWNED.contains(client.name())) {
                assertThat(owners).as(client.name()).isEmpty();
                assertThat(workloads).as("nobody claims %s", client.principal()).noneMatch(w -> w.match()
                        .matchesPrincipal(client.principal()));
                continue;
            }
            assertThat(owners).as("a workload owns %s", client.name()).isNotEmpty();
            assertThat(owners)
                    .as("the workload of %s names its principal %s", client.name(), client.principal())
                    .allMatch(w -> w.match().matchesPrincipal(client.principal()));
        }
        List<String> seededPrincipals = EstatePlan.clients(SecurityMode.SASL_SCRAM).stream()
                .map(SeededClient::principal)
                .toList();
        workloads.forEach(w -> assertThat(seededPrincipals)
                .as("principals named by %s are seeded", w.name())
                .containsAll(w.match().principals()));
    }

    @Test
    void plainSandboxWorkloadsNameNoPrincipalSinceEveryClientIsAnonymous() throws Exception {
        List<Workload> workloads = sample(SecurityMode.NONE);
        assertThat(workloads).allMatch(w -> w.match().principals().isEmpty());
        assertThat(Files.readString(dir.resolve(Workspace.WORKLOADS_FILE))).doesNotContain("--secure only");
        for (SeededClient client : EstatePlan.clients(SecurityMode.NONE)) {
            assertThat(owners(workloads, client).isEmpty())
                    .as(client.name())
                    .isEqualTo(UNOWNED.contains(client.name()));
        }
    }

    private List<Workload> sample(SecurityMode security) throws Exception {
        Files.writeString(
                dir.resolve(Workspace.CONFIG_FILE),
                "version: 1\nclusters:\n  source:\n    properties:\n      bootstrap.servers: localhost:9092\n");
        assertThat(Sandbox.writeSampleWorkloads(dir, security)).isTrue();
        return Workspace.load(dir).workloads().workloads();
    }

    private static List<Workload> owners(List<Workload> workloads, SeededClient c) {
        return workloads.stream()
                .filter(w -> c.groupId().map(w.match()::matchesGroupId).orElse(false)
                        || c.transactionalId()
                                .map(w.match()::matchesTransactionalId)
                                .orElse(false)
                        || w.match().matchesClientId(c.clientId()))
                .toList();
    }
}
