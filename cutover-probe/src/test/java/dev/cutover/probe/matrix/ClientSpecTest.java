package dev.cutover.probe.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientSpecTest {

    @Test
    void parsesVersionsAndKcatInOrderWithoutDuplicates() {
        assertThat(ClientSpec.parseList(" 0.11.0.3, 2.8.2,kcat,4.3.1,2.8.2 "))
                .containsExactly(
                        new ClientSpec.KafkaJava("0.11.0.3"),
                        new ClientSpec.KafkaJava("2.8.2"),
                        new ClientSpec.Kcat(),
                        new ClientSpec.KafkaJava("4.3.1"));
        assertThat(ClientSpec.parseList(ClientSpec.DEFAULT_LIST)).hasSize(5);
    }

    @Test
    void refusesWhatIsNotAVersion() {
        for (String bad : new String[] {"2.8", "latest", "2.8.2-SNAPSHOT", "../../etc", "3.9.1/x", "librdkafka"}) {
            assertThatThrownBy(() -> ClientSpec.parseList("3.9.1," + bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a kafka-clients version: '" + bad + "'");
        }
        assertThatThrownBy(() -> ClientSpec.parseList(" , ")).hasMessage("no client in ' , '");
    }

    @Test
    void headersExistSince0_11() {
        assertThat(new ClientSpec.KafkaJava("0.10.2.2").hasHeaders()).isFalse();
        assertThat(new ClientSpec.KafkaJava("0.11.0.3").hasHeaders()).isTrue();
        assertThat(new ClientSpec.KafkaJava("2.8.2").hasHeaders()).isTrue();
    }
}
