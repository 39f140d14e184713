package dev.cutover.connect;

import dev.cutover.api.CutoverException;
import dev.cutover.link.connect.ConnectorConfig;
import dev.cutover.link.engine.LinkSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The connector's configuration read into the link's settings ({@link ConnectorConfig}), and its sharing out among
 * tasks: each task's configuration is the connector's plus the partitions it copies, its index, the connector's name,
 * and its share of the link's byte rate.
 */
record TaskSettings(
        LinkSettings link, Map<String, Object> source, Map<String, Object> target, List<TopicPartition> partitions) {
    /** A task's partitions, as {@code topic:partition} separated by commas (topic names hold neither character). */
    static final String PARTITIONS = "link.task.partitions";

    static final String INDEX = "link.task.index";
    static final String CONNECTOR = "link.task.connector";

    /** The connector's documented settings (client properties under source. and target. are passed through). */
    static final ConfigDef CONFIG = new ConfigDef()
            .define(
                    ConnectorConfig.NAME,
                    ConfigDef.Type.STRING,
                    "default",
                    ConfigDef.Importance.HIGH,
                    "The link's name: its state and offset map live in __cutover.<name>.state and .offsets on the"
                            + " target, shared with `cutover link start`, `link status` and `offsets`.")
            .define(
                    ConnectorConfig.TOPICS,
                    ConfigDef.Type.STRING,
                    null,
                    ConfigDef.Importance.HIGH,
                    "Source topics to copy, a regex matched against whole names (default: all).")
            .define(
                    ConnectorConfig.EXCLUDE,
                    ConfigDef.Type.STRING,
                    null,
                    ConfigDef.Importance.MEDIUM,
                    "Source topics not to copy, a regex.")
            .define(
                    ConnectorConfig.ALSO_INCLUDE,
                    ConfigDef.Type.STRING,
                    null,
                    ConfigDef.Importance.LOW,
                    "Topics a built-in exclusion leaves out (Connect's internal topics) to copy anyway, comma"
                            + " separated.")
            .define(
                    ConnectorConfig.FROM,
                    ConfigDef.Type.STRING,
                    null,
                    ConfigDef.Importance.MEDIUM,
                    "Where partitions without progress start: earliest (default), latest, an ISO-8601 instant or epoch"
                            + " milliseconds.")
            .define(
                    ConnectorConfig.MAX_BYTES_PER_SECOND,
                    ConfigDef.Type.STRING,
                    null,
                    ConfigDef.Importance.LOW,
                    "Throttle on copied bytes for the whole link, shared evenly among its tasks.")
            .define(
                    ConnectorConfig.SYNC_SECURITY,
                    ConfigDef.Type.STRING,
                    null,
                    ConfigDef.Importance.MEDIUM,
                    "Whether ACLs and quotas of the linked topics follow (default true).")
            .define(
                    ConnectorConfig.PRINCIPAL_MAP,
                    ConfigDef.Type.STRING,
                    null,
                    ConfigDef.Importance.LOW,
                    "Principal renaming for copied ACLs and quotas: Type:name=Type:name pairs, comma separated.")
            .define(
                    ConnectorConfig.LEASE,
                    ConfigDef.Type.STRING,
                    null,
                    ConfigDef.Importance.LOW,
                    "How long the tasks' claim on the link holds without renewal (default 30s); an in-process"
                            + " `cutover link start` waits it out.")
            .define(
                    ConnectorConfig.METADATA_REFRESH,
                    ConfigDef.Type.STRING,
                    null,
                    ConfigDef.Importance.LOW,
                    "How often the connector follows the source's topics (default 30s).");

    /**
     * Reads a connector's or task's configuration.
     *
     * @throws ConnectException naming every malformed key
     */
    static TaskSettings of(Map<String, String> props) {
        ConnectorConfig.Parsed parsed;
        try {
            parsed = ConnectorConfig.parse(props);
        } catch (IllegalArgumentException e) {
            throw new ConnectException("cutover link connector configuration: " + e.getMessage());
        }
        LinkSettings settings = LinkSettings.of(parsed.link());
        String rate = props.get(TASK_RATE);
        if (rate != null) {
            settings = settings.maxBytesPerSecond(Long.parseLong(rate));
        }
        return new TaskSettings(settings, parsed.source(), parsed.target(), partitions(props.get(PARTITIONS)));
    }

    /** The task's share of the link's byte rate, when it has one. */
    static final String TASK_RATE = "link.task.max.bytes.per.second";

    /**
     * Shares the partitions out among at most {@code maxTasks} tasks, round robin in topic and partition order, so
     * that each topic's partitions spread over the tasks. At least one task runs, also with nothing to copy: it keeps
     * the link's lease and statuses current.
     */
    static List<Map<String, String>> share(Map<String, String> props, List<TopicPartition> partitions, int maxTasks) {
        int tasks = Math.max(1, Math.min(maxTasks, partitions.size()));
        List<List<String>> shares = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < partitions.size(); i++) {
            TopicPartition tp = partitions.get(i);
            shares.get(i % tasks).add(tp.topic() + ":" + tp.partition());
        }
        String rate = props.get(ConnectorConfig.MAX_BYTES_PER_SECOND);
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(PARTITIONS, String.join(",", shares.get(i)));
            task.put(INDEX, Integer.toString(i));
            task.put(CONNECTOR, props.getOrDefault("name", "cutover-link"));
            if (rate != null && !rate.isBlank()) {
                task.put(TASK_RATE, Long.toString(Math.max(1, Long.parseLong(rate.trim()) / tasks)));
            }
            out.add(task);
        }
        return out;
    }

    static List<TopicPartition> partitions(String text) {
        List<TopicPartition> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String item : text.split(",")) {
            int colon = item.lastIndexOf(':');
            out.add(new TopicPartition(item.substring(0, colon), Integer.parseInt(item.substring(colon + 1))));
        }
        return out;
    }

    /** A cutover failure as one line for Connect's status: what is wrong, and what to do. */
    static String describe(CutoverException e) {
        return e.getMessage() + e.hint().map(h -> " — " + h).orElse("");
    }
}
