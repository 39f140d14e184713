package dev.cutover.config;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.yaml.ConfigErrors;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The content of {@code cutover.yaml}: its format version, the connection profiles and the links' settings, each in
 * file order, and the readiness settings.
 */
public record CutoverConfig(
        int version,
        Map<String, ConnectionProfile> clusters,
        Map<String, LinkConfig> links,
        ReadinessSettings readiness,
        MetricsSettings metrics) {
    public static final int CURRENT_VERSION = 1;

    public CutoverConfig {
        if (version != CURRENT_VERSION) {
            throw new IllegalArgumentException("unsupported version " + version);
        }
        clusters = Collections.unmodifiableMap(new LinkedHashMap<>(clusters));
        clusters.forEach((name, profile) -> {
            if (!name.equals(profile.name())) {
                throw new IllegalArgumentException("profile " + profile.name() + " filed under " + name);
            }
        });
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(metrics, "metrics");
        links = Collections.unmodifiableMap(new LinkedHashMap<>(links));
        links.forEach((name, link) -> {
            if (!name.equals(link.name())) {
                throw new IllegalArgumentException("link " + link.name() + " filed under " + name);
            }
        });
    }

    /** A file without a {@code metrics:} section. */
    public CutoverConfig(
            int version,
            Map<String, ConnectionProfile> clusters,
            Map<String, LinkConfig> links,
            ReadinessSettings readiness) {
        this(version, clusters, links, readiness, MetricsSettings.off());
    }

    /** A file without a {@code links:}, {@code readiness:} or {@code metrics:} section. */
    public CutoverConfig(int version, Map<String, ConnectionProfile> clusters) {
        this(version, clusters, Map.of(), ReadinessSettings.defaults());
    }

    /**
     * The link a {@code link} command means, with the file's settings for it. With {@code --name}: that link (its
     * settings from the file, or none if the file has no {@code links:} section). Without: the file's only link, or its
     * {@code default} link, or {@value LinkConfig#DEFAULT_NAME} when the file names no links.
     *
     * @throws CutoverException ({@link Reason#USAGE}) for a name that is not a valid link name, a name the file's {@code links:} section does not have, or
     *     no name when the file has several links and none is {@code default}
     */
    public LinkConfig resolveLink(Optional<String> requested) {
        String known = String.join(", ", links.keySet());
        if (requested.isPresent()) {
            String name = requested.get();
            if (!LinkConfig.validName(name)) {
                throw new CutoverException(
                        Reason.USAGE,
                        "'" + Redactor.redactText(name) + "' is not a link name: a link name is 1 to 100 letters,"
                                + " digits, '.', '_' or '-' (it becomes part of the link's topic names)",
                        known.isEmpty() ? "e.g. --name default or --name orders-eu" : "use one of: " + known);
            }
            if (links.isEmpty()) {
                return LinkConfig.named(name);
            }
            LinkConfig link = links.get(name);
            if (link == null) {
                String suggestion = ConfigErrors.closest(name, links.keySet())
                        .map(s -> "did you mean '" + s + "'? ")
                        .orElse("");
                throw new CutoverException(
                        Reason.USAGE,
                        "no link '" + name + "' under links: in " + Workspace.CONFIG_FILE + " (its links: " + known
                                + ")",
                        suggestion + "use --name with one of: " + known + ", or add '" + name + ":' under links:");
            }
            return link;
        }
        if (links.isEmpty()) {
            return LinkConfig.named(LinkConfig.DEFAULT_NAME);
        }
        if (links.size() == 1) {
            return links.values().iterator().next();
        }
        LinkConfig fallback = links.get(LinkConfig.DEFAULT_NAME);
        if (fallback == null) {
            throw new CutoverException(
                    Reason.USAGE,
                    Workspace.CONFIG_FILE + " has several links (" + known + ") and none is named '"
                            + LinkConfig.DEFAULT_NAME + "'",
                    "say which with --name, one of: " + known);
        }
        return fallback;
    }
}
