package dev.cutover.inventory.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SoftwareAttributionTest {
    private static final SoftwareCount JAVA_431 = new SoftwareCount("apache-kafka-java", "4.3.1", 3);
    private static final SoftwareCount JAVA_281 = new SoftwareCount("apache-kafka-java", "2.8.1", 1);
    private static final SoftwareCount RDKAFKA = new SoftwareCount("librdkafka", "2.0.2", 2);

    @Test
    void attributesTheOnlySoftwareOnTheClientsListener() {
        // Given one software on EXTERNAL, two on INTERNAL
        List<ListenerSoftware> counts = List.of(
                new ListenerSoftware("", "EXTERNAL", List.of(RDKAFKA)),
                new ListenerSoftware("", "INTERNAL", List.of(JAVA_431, JAVA_281)));
        KnownConnection billing = new KnownConnection("billing", "10.0.0.7", "EXTERNAL");
        KnownConnection orders = new KnownConnection("orders", "10.0.0.8", "INTERNAL");

        // When
        AttributionResult result = SoftwareAttribution.attribute(counts, List.of(billing, orders));

        // Then the EXTERNAL client gets librdkafka; the INTERNAL one stays per listener
        assertThat(result.attributed())
                .containsExactly(
                        new Attribution(billing, "librdkafka", "2.0.2", Attribution.Basis.ONLY_SOFTWARE_ON_LISTENER));
        assertThat(result.listeners())
                .filteredOn(l -> l.listener().equals("INTERNAL"))
                .singleElement()
                .satisfies(l -> {
                    assertThat(l.outcome()).isEqualTo(ListenerAttribution.Outcome.SEVERAL_SOFTWARE);
                    assertThat(l.unattributed()).containsExactly(orders);
                    assertThat(l.software()).containsExactly(JAVA_281, JAVA_431);
                });
    }

    @Test
    void sumsCountsOfTheSameListenerAcrossBrokers() {
        // Given the same listener on two brokers with one software each, but not the same one
        List<ListenerSoftware> counts = List.of(
                new ListenerSoftware("1", "CLIENT", List.of(JAVA_431)),
                new ListenerSoftware("2", "CLIENT", List.of(new SoftwareCount("apache-kafka-java", "4.3.1", 2))));
        KnownConnection client = new KnownConnection("app", "", "CLIENT");

        // When
        AttributionResult result = SoftwareAttribution.attribute(counts, List.of(client));

        // Then one software, five connections: attributed
        assertThat(result.attributed())
                .extracting(Attribution::clientSoftwareVersion)
                .containsExactly("4.3.1");
        assertThat(result.listeners().get(0).software())
                .containsExactly(new SoftwareCount("apache-kafka-java", "4.3.1", 5));
    }

    @Test
    void usesAllListenersWhenTheClientsListenerIsUnknown() {
        // Given one software on every listener
        List<ListenerSoftware> counts = List.of(
                new ListenerSoftware("", "A", List.of(RDKAFKA)), new ListenerSoftware("", "B", List.of(RDKAFKA)));
        KnownConnection client = new KnownConnection("app", "h", "");

        // When
        AttributionResult result = SoftwareAttribution.attribute(counts, List.of(client));

        // Then
        assertThat(result.attributed())
                .singleElement()
                .extracting(Attribution::basis)
                .isEqualTo(Attribution.Basis.ONLY_SOFTWARE_ON_ALL_LISTENERS);
    }

    @Test
    void unknownListenerWithSeveralSoftwareOverallStaysAmbiguous() {
        List<ListenerSoftware> counts = List.of(
                new ListenerSoftware("", "A", List.of(RDKAFKA)), new ListenerSoftware("", "B", List.of(JAVA_431)));
        KnownConnection client = new KnownConnection("app", "h", "");

        AttributionResult result = SoftwareAttribution.attribute(counts, List.of(client));

        assertThat(result.attributed()).isEmpty();
        assertThat(result.listeners())
                .filteredOn(l -> l.listener().isEmpty())
                .singleElement()
                .extracting(ListenerAttribution::outcome)
                .isEqualTo(ListenerAttribution.Outcome.SEVERAL_SOFTWARE);
    }

    @Test
    void moreKnownClientsThanConnectionsIsNotAttributed() {
        // Given one connection counted, two clients claimed on that listener
        List<ListenerSoftware> counts = List.of(new ListenerSoftware("", "A", List.of(JAVA_281)));
        List<KnownConnection> clients =
                List.of(new KnownConnection("a", "h1", "A"), new KnownConnection("b", "h2", "A"));

        // When
        AttributionResult result = SoftwareAttribution.attribute(counts, clients);

        // Then
        assertThat(result.attributed()).isEmpty();
        assertThat(result.listeners().get(0).outcome())
                .isEqualTo(ListenerAttribution.Outcome.MORE_CLIENTS_THAN_CONNECTIONS);
        assertThat(result.listeners().get(0).unattributed()).isEqualTo(clients);
    }

    @Test
    void clientOnAListenerWithoutConnectionsAndZeroCountsAreIgnored() {
        // Given a zero count (a metric the broker keeps after the last connection closed)
        List<ListenerSoftware> counts =
                List.of(new ListenerSoftware("", "A", List.of(new SoftwareCount("unknown", "unknown", 0))));
        KnownConnection client = new KnownConnection("a", "h", "A");

        // When
        AttributionResult result = SoftwareAttribution.attribute(counts, List.of(client));

        // Then
        assertThat(result.attributed()).isEmpty();
        assertThat(result.listeners()).singleElement().satisfies(l -> {
            assertThat(l.outcome()).isEqualTo(ListenerAttribution.Outcome.NO_CONNECTIONS_SEEN);
            assertThat(l.software()).isEmpty();
        });
    }

    @Test
    void listenersWithoutKnownClientsAreStillReported() {
        List<ListenerSoftware> counts = List.of(new ListenerSoftware("", "A", List.of(JAVA_431)));

        AttributionResult result = SoftwareAttribution.attribute(counts, List.of());

        assertThat(result.attributed()).isEmpty();
        assertThat(result.listeners()).singleElement().satisfies(l -> {
            assertThat(l.listener()).isEqualTo("A");
            assertThat(l.outcome()).isEqualTo(ListenerAttribution.Outcome.ATTRIBUTED);
            assertThat(l.software()).containsExactly(JAVA_431);
        });
    }
}
