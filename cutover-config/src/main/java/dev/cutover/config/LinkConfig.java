package dev.cutover.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One link's settings as {@code cutover.yaml} ({@code links.<name>}) or {@code link start}'s flags give them. Every
 * setting is optional: {@link #overriddenBy} lays flags over the file, and what neither sets takes the link's built-in
 * default. Values are already validated (regexes compile, {@code from} has one of its forms, durations are positive).
 *
 * @param name the link's name: 1 to 100 letters, digits, '.', '_' or '-'
 * @param topics source topics to copy, a regex matched against the whole name
 * @param exclude source topics not to copy, a regex
 * @param from where partitions without progress start: {@code earliest}, {@code latest}, an ISO-8601 instant or epoch
 *     milliseconds
 * @param maxBytesPerSecond throttle on copied bytes
 * @param syncSecurity whether ACLs and quotas of the linked topics follow
 * @param principalMap source principal to target principal, for copied ACLs and user quotas
 * @param lease how long a crashed or paused instance keeps its claim
 * @param metadataRefresh how often the running link follows the source's topics
 * @param alsoInclude topics to copy that the built-in exclusions would leave out (compacted topics named like Kafka
 *     Connect's internal topics: a Connect move copies the workers' own)
 * @param schemaIds what the link does with wire-format schema ids (see {@link SchemaIds}); empty: the default
 */
public record LinkConfig(
        String name,
        Optional<String> topics,
        Optional<String> exclude,
        Optional<String> from,
        OptionalLong maxBytesPerSecond,
        Optional<Boolean> syncSecurity,
        Map<String, String> principalMap,
        Optional<Duration> lease,
        Optional<Duration> metadataRefresh,
        java.util.List<String> alsoInclude,
        Optional<SchemaIds> schemaIds) {
    /** The name of the link a command means when none is given and the file does not say otherwise. */
    public static final String DEFAULT_NAME = "default";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern PRINCIPAL = Pattern.compile("[^:\\s]+:\\S.*");
    private static final Pattern FROM = Pattern.compile("earliest|latest|\\d+");

    public LinkConfig {
        Objects.requireNonNull(name, "name");
        if (!validName(name)) {
            throw new IllegalArgumentException(
                    "a link name is 1 to 100 letters, digits, '.', '_' or '-'; got '" + name + "'");
        }
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(exclude, "exclude");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(maxBytesPerSecond, "maxBytesPerSecond");
        Objects.requireNonNull(syncSecurity, "syncSecurity");
        principalMap = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(principalMap));
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(metadataRefresh, "metadataRefresh");
        alsoInclude = java.util.List.copyOf(alsoInclude);
        Objects.requireNonNull(schemaIds, "schemaIds");
    }

    /** Settings without {@code schemaIds}. */
    public LinkConfig(
            String name,
            Optional<String> topics,
            Optional<String> exclude,
            Optional<String> from,
            OptionalLong maxBytesPerSecond,
            Optional<Boolean> syncSecurity,
            Map<String, String> principalMap,
            Optional<Duration> lease,
            Optional<Duration> metadataRefresh,
            java.util.List<String> alsoInclude) {
        this(
                name,
                topics,
                exclude,
                from,
                maxBytesPerSecond,
                syncSecurity,
                principalMap,
                lease,
                metadataRefresh,
                alsoInclude,
                Optional.empty());
    }

    /** Settings without {@code alsoInclude}. */
    public LinkConfig(
            String name,
            Optional<String> topics,
            Optional<String> exclude,
            Optional<String> from,
            OptionalLong maxBytesPerSecond,
            Optional<Boolean> syncSecurity,
            Map<String, String> principalMap,
            Optional<Duration> lease,
            Optional<Duration> metadataRefresh) {
        this(
                name,
                topics,
                exclude,
                from,
                maxBytesPerSecond,
                syncSecurity,
                principalMap,
                lease,
                metadataRefresh,
                java.util.List.of());
    }

    /** A link that sets nothing: every setting is the built-in default. */
    public static LinkConfig named(String name) {
        return new LinkConfig(
                name,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty());
    }

    /**
     * These settings with {@code flags} laid over them: each setting the flags give wins; principal mappings are merged,
     * a flag's mapping replacing the file's for the same source principal. The name is the flags' name.
     */
    public LinkConfig overriddenBy(LinkConfig flags) {
        Map<String, String> principals = new LinkedHashMap<>(principalMap);
        principals.putAll(flags.principalMap());
        return new LinkConfig(
                flags.name(),
                flags.topics().or(() -> topics),
                flags.exclude().or(() -> exclude),
                flags.from().or(() -> from),
                flags.maxBytesPerSecond().isPresent() ? flags.maxBytesPerSecond() : maxBytesPerSecond,
                flags.syncSecurity().or(() -> syncSecurity),
                principals,
                flags.lease().or(() -> lease),
                flags.metadataRefresh().or(() -> metadataRefresh),
                flags.alsoInclude().isEmpty() ? alsoInclude : flags.alsoInclude(),
                flags.schemaIds().or(() -> schemaIds));
    }

    /**
     * What the link does with schema ids: its {@code schemaIds}, or the default, {@link SchemaIds#CHECK} when both
     * profiles name a schema registry and {@link SchemaIds#OFF} otherwise.
     */
    public SchemaIds schemaIdsOr(boolean bothRegistries) {
        return schemaIds.orElse(bothRegistries ? SchemaIds.CHECK : SchemaIds.OFF);
    }

    public static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    /** Whether a principal is written as {@code Type:name} (e.g. {@code User:alice}). */
    public static boolean validPrincipal(String principal) {
        return PRINCIPAL.matcher(principal).matches();
    }

    /** Whether {@code from} is one of its forms: earliest, latest, epoch milliseconds or an ISO-8601 instant. */
    public static boolean validFrom(String from) {
        if (FROM.matcher(from).matches()) {
            return true;
        }
        try {
            java.time.Instant.parse(from);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }
}
