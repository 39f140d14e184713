package dev.cutover.readiness.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.config.Role;
import dev.cutover.readiness.plan.Estate.W;
import org.junit.jupiter.api.Test;

class GraphBuilderTest {

    @Test
    void groupsShowWhatIsReadAndDeclaredTopicsBeyondThemAreWritten() {
        // Given a consumer that forwards: its group reads "in"; it also declares "out"
        DependencyGraph graph = Planner.graph(new Estate()
                .topics("in", "out")
                .group("fwd", "in")
                .workload(W.named("fwd")
                        .roles(Role.CONSUMER, Role.PRODUCER)
                        .topics("in", "out")
                        .group("fwd"))
                .input());
        DependencyGraph.Node fwd = graph.node("fwd").orElseThrow();
        assertThat(fwd.reads()).containsExactly("in");
        assertThat(fwd.writes()).containsExactly("out");
        assertThat(fwd.processor()).isTrue();
    }

    @Test
    void transactionsWriteWhereTheirProducerHasState() {
        // Given a transactional id whose producer id has state on "a" and "b", and a manifest that declares only "a"
        DependencyGraph graph = Planner.graph(new Estate()
                .topics("a", "b", "c")
                .transaction("tx-1", 42, "a", "b")
                .workload(W.named("writer").roles(Role.PRODUCER).topics("a").transactionalId("tx-1"))
                .input());
        DependencyGraph.Node writer = graph.node("writer").orElseThrow();
        assertThat(writer.writes()).containsExactly("a", "b");
        assertThat(writer.transactionalIds()).containsExactly("tx-1");
        assertThat(writer.transactional()).isTrue();
    }

    @Test
    void transactionalReadProcessWriteHasEdgesInAndOut() {
        DependencyGraph graph = Planner.graph(new Estate()
                .topics("input", "output")
                .group("rpw", "input")
                .transaction("rpw-tx", 9, "output")
                .group("downstream", "output")
                .workload(W.named("rpw")
                        .roles(Role.CONSUMER, Role.PRODUCER)
                        .group("rpw")
                        .transactionalId("rpw-tx"))
                .workload(W.named("downstream").topics("output").group("downstream"))
                .input());
        assertThat(graph.edges())
                .extracting(DependencyGraph.Edge::toString)
                .containsExactly("? → input → rpw", "rpw → output → downstream");
    }

    @Test
    void streamsInternalTopicsAreStateNotEdges() {
        DependencyGraph graph = Planner.graph(new Estate()
                .topics("in", "out", "app-store-changelog", "app-agg-repartition", "other-changelog")
                .streamsGroup("app", "in", "app-agg-repartition")
                .workload(W.named("app").roles(Role.STREAMS).topics("in", "out").group("app"))
                .input());
        DependencyGraph.Node app = graph.node("app").orElseThrow();
        assertThat(app.streams()).isTrue();
        assertThat(app.stateTopics()).containsExactly("app-agg-repartition", "app-store-changelog");
        assertThat(app.reads()).containsExactly("in");
        assertThat(app.writes()).containsExactly("out");
    }

    @Test
    void unownedGroupsAndPrincipalsAreNodesWithTheirTopics() {
        DependencyGraph graph = Planner.graph(new Estate()
                .topics("t", "u")
                .group("stray", "t")
                .acl("User:etl", "u", "WRITE")
                .acl("User:etl", "t", "READ")
                .acl("User:ops", "*", "READ")
                .input());
        assertThat(graph.nodes())
                .extracting(DependencyGraph.Node::name)
                .containsExactly("group:stray", "principal:User:etl");
        DependencyGraph.Node etl = graph.node("principal:User:etl").orElseThrow();
        assertThat(etl.reads()).containsExactly("t");
        assertThat(etl.writes()).containsExactly("u");
        assertThat(etl.owned()).isFalse();
    }

    @Test
    void aConsumerWithoutGroupDataReadsWhatItDeclares() {
        DependencyGraph graph = Planner.graph(new Estate()
                .topic("t")
                .workload(W.named("quiet")
                        .roles(Role.CONSUMER, Role.PRODUCER)
                        .topics("t")
                        .group("quiet"))
                .input());
        DependencyGraph.Node quiet = graph.node("quiet").orElseThrow();
        assertThat(quiet.reads()).containsExactly("t");
        assertThat(quiet.writes()).isEmpty();
        assertThat(quiet.notes()).anyMatch(n -> n.contains("assumed read"));
    }
}
