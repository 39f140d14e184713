package dev.cutover.doctor;

import dev.cutover.config.ClusterConnection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * The operations a cluster says the profile's principal may perform on topics ({@code includeAuthorizedOperations}),
 * asked in pages so that thousands of topics fit the brokers' request limits and the profile's timeout.
 */
final class Authorized {
    static final int PAGE = 500;

    private Authorized() {}

    /** Topic → its description with authorized operations, for the topics that exist and may be described. */
    static Map<String, TopicDescription> topics(ClusterConnection c, Collection<String> names) {
        Map<String, TopicDescription> result = new TreeMap<>();
        List<String> all = new ArrayList<>(names);
        for (int from = 0; from < all.size(); from += PAGE) {
            List<String> page = all.subList(from, Math.min(all.size(), from + PAGE));
            result.putAll(c.await(
                    c.admin()
                            .describeTopics(page, new DescribeTopicsOptions().includeAuthorizedOperations(true))
                            .allTopicNames(),
                    "describe " + page.size() + " topic(s)"));
        }
        return result;
    }

    /** Up to {@code max} names, then how many more. */
    static String list(Collection<String> names, int max) {
        List<String> sorted = names.stream().sorted().toList();
        String shown = String.join(", ", sorted.subList(0, Math.min(max, sorted.size())));
        return sorted.size() > max ? shown + " and " + (sorted.size() - max) + " more" : shown;
    }
}
