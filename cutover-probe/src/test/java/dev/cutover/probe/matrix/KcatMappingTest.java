package dev.cutover.probe.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KcatMappingTest {

    @Test
    void mapsPlaintextAndScramAndNamesWhatItCannotMap() {
        assertThat(KcatRun.map(Map.of("bootstrap.servers", "b:9092")).settings())
                .containsExactly(Map.entry("bootstrap.servers", "b:9092"));
        var scram = KcatRun.map(Map.of(
                "bootstrap.servers",
                "b:9092",
                "security.protocol",
                "SASL_PLAINTEXT",
                "sasl.mechanism",
                "SCRAM-SHA-512",
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";"));
        assertThat(scram.why()).isEmpty();
        assertThat(scram.settings())
                .containsEntry("sasl.mechanisms", "SCRAM-SHA-512")
                .containsEntry("sasl.username", "u")
                .containsEntry("sasl.password", "p");
        assertThat(KcatRun.map(Map.of(
                                "bootstrap.servers", "b:9092",
                                "security.protocol", "SASL_PLAINTEXT",
                                "sasl.mechanism", "GSSAPI"))
                        .why())
                .isEqualTo("kcat with GSSAPI not mapped");
        assertThat(KcatRun.map(Map.of("bootstrap.servers", "b:9092", "security.protocol", "SSL"))
                        .why())
                .startsWith("kcat with SSL not mapped");
    }
}
