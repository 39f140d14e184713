package dev.cutover.link.engine;

import dev.cutover.link.txn.LinkTakeover;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Starts links. The one way to run a link: the CLI, the demo, the bench, the orchestrator and the tests all start it
 * here and drive it through the returned {@link LinkHandle}.
 *
 * <pre>{@code
 * try (LinkHandle link = LinkService.start(source, target, LinkSettings.defaults("orders"), event -> log(event))) {
 *     link.awaitStarted(Duration.ofMinutes(1));
 *     link.awaitCoverage(Map.of(new TopicPartition("orders", 0), 1049L), Duration.ofMinutes(5));
 *     DrainResult end = link.drain(Set.of("orders")).get();   // exact final offsets per partition
 * }                                                             // close(): a clean stop
 * }</pre>
 */
public final class LinkService {
    private LinkService() {}

    /** Starts the link on a thread of its own with the default takeover and restart policy. */
    public static LinkHandle start(
            Map<String, Object> sourceProps,
            Map<String, Object> targetProps,
            LinkSettings settings,
            Consumer<LinkEvent> listener) {
        return start(sourceProps, targetProps, settings, listener, new LinkTakeover(), RestartPolicy.defaults());
    }

    /**
     * Starts the link with the given takeover (what a start does with the previous instance's open transaction) and
     * restart policy.
     */
    public static LinkHandle start(
            Map<String, Object> sourceProps,
            Map<String, Object> targetProps,
            LinkSettings settings,
            Consumer<LinkEvent> listener,
            Takeover takeover,
            RestartPolicy policy) {
        LinkHandle handle = new LinkHandle(sourceProps, targetProps, settings, listener, takeover, policy);
        handle.launch();
        return handle;
    }
}
