package dev.cutover.readiness.areas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.api.Finding;
import dev.cutover.inventory.cluster.ClusterInventory.GroupKind;
import dev.cutover.readiness.Area;
import dev.cutover.readiness.evidence.Evidence;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TOPIC-013 and TOPIC-014: data parity from {@code cutover verify} evidence, per topic. */
class ParityRulesTest {
    private static final Duration DAY = Duration.ofDays(1);

    /** billing reads payments and orders with group billing; both topics equal on both sides. */
    private static Fixture reader() {
        return new Fixture()
                .bothTopics("payments", 3)
                .bothTopics("orders", 3)
                .group("billing", GroupKind.CONSUMER, "payments", "orders")
                .workload(Fixture.consumer("billing", "billing", "User:billing", List.of("payments", "orders")));
    }

    private static Map<String, String> passed(String topic) {
        return verify(topic, 0, 0, 0, null);
    }

    private static Map<String, String> verify(String topic, int missing, int differing, int extra, String first) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("link", "default");
        d.put("topic", topic);
        d.put("mode", "full");
        d.put("compared", "120");
        d.put("missing", Integer.toString(missing));
        d.put("differing", Integer.toString(differing));
        d.put("extra", Integer.toString(extra));
        if (first != null) {
            d.put("firstMismatch", first);
        }
        return d;
    }

    private static Fixture verified(Fixture f, String workload, Map<String, String> details, Duration ago) {
        boolean pass = details.get("missing").equals("0")
                && details.get("differing").equals("0")
                && details.get("extra").equals("0")
                && !details.containsKey("partitionsNotVerified");
        return f.evidence(
                workload,
                Area.TOPICS,
                Evidence.VERIFY,
                pass ? Evidence.Result.PASS : Evidence.Result.FAIL,
                details,
                Fixture.NOW.minus(ago),
                Fixture.TARGET_ID);
    }

    private static AreaResult topics(Fixture f) {
        return f.area("billing", Area.TOPICS);
    }

    @Test
    void aReaderWithoutVerifyEvidenceIsNotReadyPerTopic() {
        AreaResult r = topics(reader());

        assertThat(Codes.blocking(r)).containsExactly("TOPIC-014", "TOPIC-014");
        assertThat(r.findings())
                .filteredOn(f -> f.code().equals("TOPIC-014"))
                .extracting(Finding::subject)
                .containsExactly("topic payments", "topic orders");
        assertThat(Codes.messages(r, "TOPIC-014"))
                .first()
                .asString()
                .contains("record-level parity of payments is not shown", "run `cutover verify`");
    }

    @Test
    void aPassingRecordCountsOnlyForTheTopicItNames() {
        Fixture f = verified(reader(), "billing", passed("payments"), DAY);

        AreaResult r = topics(f);

        assertThat(Codes.blocking(r)).containsExactly("TOPIC-014");
        assertThat(r.findings())
                .filteredOn(x -> x.code().equals("TOPIC-014"))
                .extracting(Finding::subject)
                .containsExactly("topic orders");

        verified(f, "billing", passed("orders"), DAY);
        AreaResult both = topics(f);
        assertThat(both.verdict()).as(both.findings().toString()).isEqualTo(Verdict.READY);
        assertThat(both.evidence()).hasSize(3).anySatisfy(e -> assertThat(e).startsWith("target target-id scanned"));
    }

    @Test
    void theNewestFailureIsAnErrorNamingCountsAndTheFirstMismatch() {
        Fixture f = verified(reader(), "billing", passed("orders"), DAY);
        verified(f, "billing", passed("payments"), Duration.ofDays(3));
        verified(
                f,
                "billing",
                verify(
                        "payments",
                        3,
                        1,
                        0,
                        "partition 0: missing at source 12 / target 9: the source record has no copy"),
                Duration.ofDays(2));

        AreaResult r = topics(f);

        assertThat(Codes.blocking(r)).containsExactly("TOPIC-013");
        assertThat(r.findings())
                .filteredOn(x -> x.code().equals("TOPIC-013"))
                .singleElement()
                .satisfies(x -> {
                    assertThat(x.subject()).isEqualTo("topic payments");
                    assertThat(x.message())
                            .startsWith("payments: 3 missing, 1 differing of 120 compared; first: partition 0:"
                                    + " missing at source 12 / target 9");
                    assertThat(x.evidence()).singleElement().asString().startsWith("evidence/2-");
                });
        assertThat(Codes.all(r)).as("not repeated as EVID-002").doesNotContain("EVID-002");

        // a newer pass of the same topic supersedes the failure
        verified(f, "billing", passed("payments"), Duration.ofHours(1));
        assertThat(topics(f).verdict()).isEqualTo(Verdict.READY);
    }

    @Test
    void aFailureOfAnotherTopicDoesNotHideThisOnesPass() {
        Fixture f = verified(reader(), "billing", passed("payments"), Duration.ofDays(2));
        verified(f, "billing", verify("orders", 0, 0, 2, null), DAY);

        AreaResult r = topics(f);

        assertThat(Codes.blocking(r)).containsExactly("TOPIC-013");
        assertThat(Codes.messages(r, "TOPIC-013")).singleElement().asString().startsWith("orders: 2 extra");
    }

    @Test
    void staleOrOtherTargetRecordsDoNotShowParity() {
        Fixture f = reader();
        verified(f, "billing", passed("payments"), Duration.ofDays(40));
        f.evidence(
                "billing",
                Area.TOPICS,
                Evidence.VERIFY,
                Evidence.Result.PASS,
                passed("orders"),
                Fixture.NOW.minus(DAY),
                "another-cluster");

        AreaResult r = topics(f);

        assertThat(Codes.blocking(r)).containsExactly("TOPIC-014", "TOPIC-014");
        assertThat(Codes.messages(r, "EVID-001"))
                .hasSize(2)
                .anySatisfy(m -> assertThat(m).contains("stale"))
                .anySatisfy(m -> assertThat(m).contains("taken against cluster another-cluster"));
    }

    @Test
    void unverifiedPartitionsAreInformationAndAVerifyThatComparedNothingIsNotParity() {
        Map<String, String> partial = passed("payments");
        partial.put("partitionsNotVerified", "1");
        Map<String, String> nothing = passed("orders");
        nothing.put("compared", "0");
        nothing.put("partitionsNotVerified", "3");
        Fixture f = reader();
        f.evidence("billing", Area.TOPICS, Evidence.VERIFY, Evidence.Result.PASS, partial);
        f.evidence("billing", Area.TOPICS, Evidence.VERIFY, Evidence.Result.FAIL, nothing);

        AreaResult r = topics(f);

        assertThat(Codes.blocking(r)).containsExactly("TOPIC-014");
        assertThat(r.findings())
                .filteredOn(x -> x.code().equals("TOPIC-014"))
                .extracting(x -> x.severity() + " " + x.subject())
                .containsExactly("INFO topic payments", "WARNING topic orders");
        assertThat(Codes.messages(r, "TOPIC-014"))
                .anySatisfy(m -> assertThat(m).contains("left 1 partition(s) unverified"))
                .anySatisfy(m -> assertThat(m).contains("verified none of its partitions (3 not verified)"));
        assertThat(Codes.all(r)).doesNotContain("TOPIC-013");
    }

    @Test
    void producersNeedNoParityButAMismatchStillBlocksThem() {
        Fixture f = new Fixture()
                .bothTopics("orders", 3)
                .workload(Fixture.producer("orders-api", "User:orders", List.of("orders")));
        assertThat(f.area("orders-api", Area.TOPICS).verdict()).isEqualTo(Verdict.READY);

        f.evidence(
                "orders-api",
                Area.TOPICS,
                Evidence.VERIFY,
                Evidence.Result.FAIL,
                verify("orders", 0, 4, 0, "partition 2: differing at source 7 / target 7: value differs"));
        assertThat(Codes.blocking(f.area("orders-api", Area.TOPICS))).containsExactly("TOPIC-013");
    }

    @Test
    void aMissingTopicIsTopic001Only() {
        Fixture f = reader();
        f.targetTopics.removeIf(t -> t.name().equals("orders"));
        verified(f, "billing", passed("payments"), DAY);

        assertThat(Codes.blocking(topics(f))).containsExactly("TOPIC-001");
    }

    @Test
    void aRecordFiledUnderTheTopicsOwnNameCounts() {
        // verify files under the topic's name when no workload lists it (billing discovered orders via its group)
        Fixture f = verified(reader(), "billing", passed("payments"), DAY);
        verified(f, "orders", passed("orders"), DAY);

        assertThat(topics(f).verdict()).isEqualTo(Verdict.READY);
        assertThat(topics(f).evidence()).anySatisfy(e -> assertThat(e).startsWith("evidence/1-"));
    }
}
