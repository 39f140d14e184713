package dev.cutover.link.deploy;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.LinkConfig;
import dev.cutover.config.Redactor;
import dev.cutover.link.connect.ConnectorConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What {@code link deploy} submits to Kafka Connect: the connector's name and its configuration ({@link
 * ConnectorConfig#of}) built from the workspace's link settings and its {@code source} and {@code target} profiles.
 *
 * <p>The profiles' properties go in as {@code cutover.yaml} writes them, <b>unresolved</b>: a config-provider
 * reference stays a reference, for the workers to resolve with their own providers of the same names ({@link
 * #providers}); {@code ${file:...}} and {@code ${directory:...}} paths are absolute (the workspace made them so), and
 * must exist on every worker ({@link #paths}). A secret written inline is refused ({@link ConnectorSecrets}), so the
 * configuration holds no secret, and {@link #shown()} (what is printed) is redacted all the same. A profile's own
 * {@code config.providers} settings are left out ({@link #notes}): a connector's clients do not load provider classes.
 *
 * @param connector the connector's name in Connect
 * @param link the link's name ({@code link.name})
 * @param config the connector's configuration, to submit as it is; never print it, print {@link #shown()}
 * @param providers the config providers the values reference, which every worker must configure
 * @param paths the files and directories the values reference, which every worker must have
 * @param notes what was left out of the profiles, one sentence each
 */
public record ConnectorPlan(
        String connector,
        String link,
        Map<String, String> config,
        SortedSet<String> providers,
        SortedSet<String> paths,
        List<String> notes) {
    private static final String PROVIDERS = "config.providers";

    public ConnectorPlan {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        providers = Collections.unmodifiableSortedSet(new TreeSet<>(providers));
        paths = Collections.unmodifiableSortedSet(new TreeSet<>(paths));
        notes = List.copyOf(notes);
    }

    /** The connector's name when none is given: {@code cutover-link-<link>}. */
    public static String defaultName(String link) {
        return "cutover-link-" + link;
    }

    /**
     * The plan of a link's connector.
     *
     * @throws CutoverException {@link Reason#CONFIG_INVALID} when a profile holds a secret inline, naming the
     *     profiles and keys (never a value); {@link Reason#USAGE} for a connector name Connect would refuse or fewer
     *     than one task
     */
    public static ConnectorPlan of(
            String connector, LinkConfig link, ConnectionProfile source, ConnectionProfile target, int tasks) {
        if (connector.isBlank()
                || !connector.equals(connector.strip())
                || connector.chars().anyMatch(Character::isISOControl)) {
            throw new CutoverException(
                    Reason.USAGE,
                    "the connector name '" + Redactor.redactText(connector) + "' is empty, has spaces around it or"
                            + " control characters",
                    "give a name such as " + defaultName(link.name()));
        }
        if (tasks < 1) {
            throw new CutoverException(Reason.USAGE, "a connector has at least 1 task; got " + tasks, null);
        }
        List<String> inline = new ArrayList<>();
        for (ConnectionProfile p : List.of(source, target)) {
            List<String> keys = ConnectorSecrets.inline(p.properties());
            if (!keys.isEmpty()) {
                inline.add("profile '" + p.name() + "': " + String.join(", ", keys));
            }
        }
        if (!inline.isEmpty()) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    "a secret is written inline in cutover.yaml (" + String.join("; ", inline) + "); link deploy"
                            + " sends secrets to Kafka Connect only as config-provider references, since a connector's"
                            + " configuration is readable by anyone who may read the workers' REST API",
                    "write each as a reference, e.g. ${file:/etc/cutover/secrets.properties:sasl.jaas.config} or"
                            + " ${env:SOURCE_PASSWORD} inside the JAAS configuration, and configure providers of the"
                            + " same names on the workers (docs/connect-deploy.md#secrets)");
        }
        List<String> notes = new ArrayList<>();
        Map<String, String> sourceProps = withoutProviders(source, notes);
        Map<String, String> targetProps = withoutProviders(target, notes);
        Map<String, String> config = ConnectorConfig.of(link, sourceProps, targetProps, tasks);
        List<String> problems = ConnectorConfig.problems(config);
        if (!problems.isEmpty()) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID,
                    "the connector's configuration is invalid: " + Redactor.redactText(String.join("; ", problems)),
                    "correct links." + link.name() + " or the profiles in cutover.yaml");
        }
        return new ConnectorPlan(
                connector,
                link.name(),
                config,
                ConnectorSecrets.providers(config.values()),
                ConnectorSecrets.paths(config.values()),
                notes);
    }

    private static Map<String, String> withoutProviders(ConnectionProfile profile, List<String> notes) {
        Map<String, String> out = new LinkedHashMap<>(profile.properties());
        if (out.keySet().removeIf(k -> k.equals(PROVIDERS) || k.startsWith(PROVIDERS + "."))) {
            notes.add("profile '" + profile.name() + "': its " + PROVIDERS + " settings are not part of the"
                    + " connector's configuration; the workers resolve references with their own providers");
        }
        return out;
    }

    /** The configuration as it may be shown: secret values redacted (references stay, they hold no secret). */
    public Map<String, String> shown() {
        return Redactor.redact(config);
    }

    @Override
    public String toString() {
        return "ConnectorPlan[connector=" + connector + ", link=" + link + ", config=" + shown() + ", providers="
                + providers + ", paths=" + paths + ", notes=" + notes + "]";
    }
}
