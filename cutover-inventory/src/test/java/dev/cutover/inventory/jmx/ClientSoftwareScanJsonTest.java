package dev.cutover.inventory.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientSoftwareScanJsonTest {

    @Test
    void scanRoundTripsThroughJson() throws Exception {
        // Given a scan with a listener, a deprecated request and a failed endpoint
        ClientSoftwareScan scan = new ClientSoftwareScan(
                ClientSoftwareScan.FORMAT_VERSION,
                "2026-11-24T00:00:00Z",
                List.of(
                        new EndpointSoftware(
                                "service:jmx:rmi:///jndi/rmi://127.0.0.1:9999/jmxrmi",
                                List.of(new ListenerSoftware(
                                        "", "PLAINTEXT", List.of(new SoftwareCount("apache-kafka-java", "4.3.1", 2)))),
                                List.of(new DeprecatedRequestUse(
                                        "", "Fetch", "3", "apache-kafka-java", "2.0.0", 12, 0.2)),
                                List.of()),
                        EndpointSoftware.failed(
                                "service:jmx:rmi:///jndi/rmi://127.0.0.1:1/jmxrmi",
                                new JmxProblem(JmxProblem.Code.UNREACHABLE, "cannot connect"))));
        ObjectMapper mapper = new ObjectMapper();

        // When
        String json = mapper.writeValueAsString(scan);
        ClientSoftwareScan back = mapper.readValue(json, ClientSoftwareScan.class);

        // Then
        assertThat(back).isEqualTo(scan);
        assertThat(json).contains("\"formatVersion\":1").contains("\"code\":\"UNREACHABLE\"");
    }

    @Test
    void userInfoIsRemovedFromUrls() {
        assertThat(ClientSoftwareScanner.safeUrl("service:jmx:rmi:///jndi/rmi://admin:s3cret@host:1/jmxrmi"))
                .isEqualTo("service:jmx:rmi:///jndi/rmi://***@host:1/jmxrmi")
                .doesNotContain("s3cret");
    }

    @Test
    void invalidUrlIsAProblemNotAnException() {
        EndpointSoftware result = ClientSoftwareScanner.scanOne("not a jmx url");

        assertThat(result.problems()).extracting(JmxProblem::code).containsExactly(JmxProblem.Code.INVALID_URL);
    }
}
