package dev.cutover.readiness.areas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.inventory.cluster.ClusterInventory.GroupKind;
import dev.cutover.readiness.Area;
import dev.cutover.readiness.evidence.Evidence;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtocolRulesTest {
    private static Fixture billing() {
        return new Fixture()
                .bothTopics("payments", 3)
                .group("billing", GroupKind.CONSUMER, "payments")
                .workload(Fixture.consumer("billing", "billing", "User:billing", List.of("payments")));
    }

    @Test
    void unknownClientVersionIsNotReady() {
        AreaResult r = billing().area("billing", Area.PROTOCOL);

        assertThat(r.verdict()).isEqualTo(Verdict.NOT_READY);
        assertThat(Codes.blocking(r)).contains("PROTO-002", "PROTO-004");
        assertThat(Codes.messages(r, "PROTO-002")).singleElement().asString().contains("client version unknown");
    }

    @Test
    void preKip511ClientsCountAsUnknown() {
        AreaResult r = billing().software("billing", "unknown/unknown").area("billing", Area.PROTOCOL);
        assertThat(Codes.messages(r, "PROTO-002")).singleElement().asString().contains("older than Kafka 2.4");
    }

    @Test
    void javaClientsOlderThan21CannotTalkToAKafka4Target() {
        AreaResult r = billing().software("billing", "apache-kafka-java/2.0.1").area("billing", Area.PROTOCOL);
        assertThat(Codes.blocking(r)).contains("PROTO-001");
        assertThat(Codes.messages(r, "PROTO-001")).singleElement().asString().contains("2.0.1", "KIP-896");
    }

    @Test
    void thoseClientsAreFineOnA3xTarget() {
        Fixture f = billing().software("billing", "apache-kafka-java/2.0.1");
        f.targetMetadataLevel = 21;
        assertThat(Codes.all(f.area("billing", Area.PROTOCOL))).doesNotContain("PROTO-001");
    }

    @Test
    void aKnownVersionAndAProbeMakeItReady() {
        AreaResult r = billing()
                .software("billing", "apache-kafka-java/3.9.1")
                .evidence("billing", Area.PROTOCOL, Evidence.ATTESTATION, Evidence.Result.PASS, Map.of())
                .area("billing", Area.PROTOCOL);
        assertThat(r.verdict()).as(r.findings().toString()).isEqualTo(Verdict.READY);
        assertThat(r.evidence()).singleElement().asString().startsWith("evidence/");
    }

    @Test
    void evidenceMayNameTheClientSoftware() {
        AreaResult r = billing()
                .evidence(
                        "billing",
                        Area.PROTOCOL,
                        Evidence.ATTESTATION,
                        Evidence.Result.PASS,
                        Map.of("clientSoftware", "apache-kafka-java/1.1.0"))
                .area("billing", Area.PROTOCOL);
        assertThat(Codes.blocking(r)).containsExactly("PROTO-001");
    }

    @Test
    void otherClientLibrariesRestOnTheProbe() {
        AreaResult r = billing()
                .software("billing", "librdkafka/2.0.2")
                .evidence("billing", Area.PROTOCOL, Evidence.ATTESTATION, Evidence.Result.PASS, Map.of())
                .area("billing", Area.PROTOCOL);
        assertThat(r.verdict()).isEqualTo(Verdict.READY);
        assertThat(Codes.all(r)).contains("PROTO-003");
    }

    @Test
    void aFailedProbeIsNotReady() {
        AreaResult r = billing()
                .software("billing", "apache-kafka-java/3.9.1")
                .evidence("billing", Area.PROTOCOL, "probe", Evidence.Result.FAIL, Map.of("note", "timeouts"))
                .area("billing", Area.PROTOCOL);
        assertThat(Codes.blocking(r)).contains("EVID-002", "PROTO-004");
        assertThat(Codes.messages(r, "EVID-002")).singleElement().asString().contains("timeouts");
    }
}
