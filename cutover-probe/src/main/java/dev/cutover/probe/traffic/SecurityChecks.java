package dev.cutover.probe.traffic;

import dev.cutover.config.ConnectionProfile;
import dev.cutover.config.Redactor;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Security from where the workload runs, with its own client properties: it authenticates, its principal holds the
 * permissions its role needs on its real topics and groups (read from the operations the cluster reports as
 * authorized for the caller: nothing is read from or written to them), and a wrong password is refused. A TLS
 * client's keystore certificate is checked for its dates first ({@link ClientCertificate}), and a failed handshake is
 * named from its exception chain ({@link TlsFailures}). {@link RotationChecks} reuses the login and permission checks
 * for a rotated credential.
 */
final class SecurityChecks {
    private static final Pattern PASSWORD = Pattern.compile("(password\\s*=\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s;]+)");
    private static final Pattern USERNAME = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");

    private final ConnectionProfile client;
    private final String targetClusterId;

    SecurityChecks(ConnectionProfile client, String targetClusterId) {
        this.client = client;
        this.targetClusterId = targetClusterId;
    }

    /** What the workload needs: which operations on which topics and groups. */
    record Needs(List<String> topics, boolean produces, boolean consumes, List<String> groups) {}

    /**
     * How a credential's checks are named: the workload's own, or the rotated one of {@code --rotated-client-config}.
     *
     * @param authenticates the name of the login check
     * @param permissions the prefix of each permission check, followed by the resource ({@code TOPIC pay})
     */
    record Names(String authenticates, String permissions) {
        static final Names WORKLOAD = new Names("security: authenticates as the workload", "security: permissions on ");
        static final Names ROTATED = new Names(
                "security: the rotated credential authenticates",
                "security: the rotated credential has the same permissions on ");
    }

    List<ProbeCheck> run(Needs needs) {
        List<ProbeCheck> checks = new ArrayList<>();
        Map<String, Object> props = client.clientProperties();
        Optional<ProbeCheck> certificate = ClientCertificate.check(props, Instant.now());
        certificate.ifPresent(checks::add);
        checks.addAll(identity(props, needs, Names.WORKLOAD, certificate.filter(c -> !c.ok())));
        checks.add(wrongPassword(props));
        return checks;
    }

    /**
     * Logs in with {@code props} and, once in, checks the permissions {@code needs} names on each topic and group.
     * {@code badCertificate}, a failed check of the keystore's dates, is repeated in a failed login's details.
     */
    List<ProbeCheck> identity(
            Map<String, Object> props, Needs needs, Names names, Optional<ProbeCheck> badCertificate) {
        List<ProbeCheck> checks = new ArrayList<>();
        String who = who(props);
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (KafkaException e) {
            checks.add(ProbeCheck.fail(
                    names.authenticates(),
                    ProbeArea.IDENTITY,
                    who + ": no client can be made of this config: " + Failures.describe(e),
                    "fix the client config (a keystore or truststore path, type or password, a JAAS setting)"));
            return checks;
        }
        try {
            ProbeCheck auth = authenticate(admin, who, names.authenticates());
            if (auth.status() == ProbeCheck.Status.FAIL && badCertificate.isPresent()) {
                auth = ProbeCheck.fail(
                        auth.name(),
                        auth.area(),
                        auth.details() + "; the client certificate: "
                                + badCertificate.get().details(),
                        auth.fix());
            }
            checks.add(auth);
            if (auth.status() == ProbeCheck.Status.PASS) {
                for (String topic : needs.topics()) {
                    checks.add(topic(admin, topic, needs, names.permissions() + "TOPIC " + topic));
                }
                if (needs.consumes()) {
                    for (String group : needs.groups()) {
                        checks.add(group(admin, group, names.permissions() + "GROUP " + group));
                    }
                }
            }
        } finally {
            admin.close(java.time.Duration.ZERO);
        }
        return checks;
    }

    private ProbeCheck authenticate(Admin admin, String who, String name) {
        try {
            String id = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs()))
                    .clusterId()
                    .get(timeoutMs(), TimeUnit.MILLISECONDS);
            if (!id.equals(targetClusterId)) {
                return ProbeCheck.fail(
                        name,
                        ProbeArea.IDENTITY,
                        "the client config reaches cluster " + id + ", not the target " + targetClusterId,
                        "point bootstrap.servers of the client config at the target");
            }
            return ProbeCheck.pass(name, ProbeArea.IDENTITY, who + " reached the target " + id);
        } catch (java.util.concurrent.TimeoutException e) {
            return ProbeCheck.fail(
                    name, ProbeArea.IDENTITY, who + ": no answer within " + client.timeout(), "check the network path");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeCheck.unknown(name, ProbeArea.IDENTITY, "interrupted", "");
        } catch (Exception e) {
            Optional<TlsFailures.Explained> tls = TlsFailures.explain(e);
            if (tls.isPresent()) {
                return ProbeCheck.fail(
                        name,
                        ProbeArea.IDENTITY,
                        who + ": " + tls.get().details(),
                        tls.get().fix());
            }
            return ProbeCheck.fail(
                    name, ProbeArea.IDENTITY, who + ": " + Failures.describe(e), "check the credentials");
        }
    }

    private ProbeCheck topic(Admin admin, String topic, Needs needs, String name) {
        Set<AclOperation> needed = new TreeSet<>();
        needed.add(AclOperation.DESCRIBE);
        if (needs.produces()) {
            needed.add(AclOperation.WRITE);
        }
        if (needs.consumes()) {
            needed.add(AclOperation.READ);
        }
        try {
            TopicDescription d = admin.describeTopics(
                            List.of(topic), new DescribeTopicsOptions().includeAuthorizedOperations(true))
                    .topicNameValues()
                    .get(topic)
                    .get(timeoutMs(), TimeUnit.MILLISECONDS);
            return verdict(name, needed, d.authorizedOperations(), "TOPIC " + topic);
        } catch (Exception e) {
            if (Failures.is(e, TopicAuthorizationException.class)) {
                return missing(name, needed, "TOPIC " + topic, " (the topic is not even visible)");
            }
            if (Failures.is(e, UnknownTopicOrPartitionException.class)) {
                return ProbeCheck.unknown(
                        name,
                        ProbeArea.IDENTITY,
                        topic + " does not exist on the target: its permissions cannot be read",
                        "create the topic (the link does), then probe again");
            }
            return ProbeCheck.unknown(name, ProbeArea.IDENTITY, Failures.describe(e), "");
        }
    }

    private ProbeCheck group(Admin admin, String group, String name) {
        Set<AclOperation> needed = new TreeSet<>(List.of(AclOperation.READ));
        try {
            ConsumerGroupDescription d = admin.describeConsumerGroups(
                            List.of(group), new DescribeConsumerGroupsOptions().includeAuthorizedOperations(true))
                    .describedGroups()
                    .get(group)
                    .get(timeoutMs(), TimeUnit.MILLISECONDS);
            return verdict(name, needed, d.authorizedOperations(), "GROUP " + group);
        } catch (Exception e) {
            if (Failures.is(e, GroupAuthorizationException.class)) {
                return missing(name, needed, "GROUP " + group, "");
            }
            if (Failures.is(e, GroupIdNotFoundException.class)) {
                return ProbeCheck.unknown(
                        name,
                        ProbeArea.IDENTITY,
                        group + " does not exist on the target yet: DESCRIBE on it is granted, READ cannot be read"
                                + " until it exists",
                        "create the group on the target (cutover offsets sync does), then probe again");
            }
            return ProbeCheck.unknown(name, ProbeArea.IDENTITY, Failures.describe(e), "");
        }
    }

    /** Pass when every needed operation is authorized; else names each missing one; unknown without an answer. */
    static ProbeCheck verdict(String name, Set<AclOperation> needed, Set<AclOperation> authorized, String resource) {
        if (authorized == null) {
            return ProbeCheck.unknown(
                    name, ProbeArea.IDENTITY, "the cluster did not report the authorized operations", "");
        }
        Set<AclOperation> lacking = new TreeSet<>(needed);
        if (!authorized.contains(AclOperation.ALL)) {
            lacking.removeAll(authorized);
        } else {
            lacking.clear();
        }
        if (lacking.isEmpty()) {
            return ProbeCheck.pass(name, ProbeArea.IDENTITY, "has " + words(needed) + " on " + resource);
        }
        return missing(name, lacking, resource, "");
    }

    private static ProbeCheck missing(String name, Set<AclOperation> lacking, String resource, String note) {
        List<String> each =
                lacking.stream().map(op -> op.name() + " on " + resource).toList();
        return ProbeCheck.fail(
                name,
                ProbeArea.IDENTITY,
                "missing " + String.join(", ", each) + note,
                "add ALLOW bindings for the workload's principal: " + String.join(", ", each));
    }

    private ProbeCheck wrongPassword(Map<String, Object> props) {
        String name = "security: a wrong password is refused";
        String mechanism =
                String.valueOf(props.getOrDefault("sasl.mechanism", "GSSAPI")).toUpperCase(Locale.ROOT);
        String protocol = String.valueOf(props.getOrDefault("security.protocol", "PLAINTEXT"))
                .toUpperCase(Locale.ROOT);
        Object jaas = props.get("sasl.jaas.config");
        boolean passwordMechanism = mechanism.equals("PLAIN") || mechanism.startsWith("SCRAM-");
        if (!protocol.startsWith("SASL_") || !passwordMechanism || jaas == null) {
            return ProbeCheck.skipped(
                    name, ProbeArea.IDENTITY, "the client config does not log in with a SASL PLAIN/SCRAM password");
        }
        Matcher m = PASSWORD.matcher(jaas.toString());
        if (!m.find()) {
            return ProbeCheck.skipped(name, ProbeArea.IDENTITY, "sasl.jaas.config has no password to get wrong");
        }
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String wrong = "wrong-" + HexFormat.of().formatHex(random);
        Redactor.remember(wrong);
        Map<String, Object> bad = new HashMap<>(props);
        bad.put("sasl.jaas.config", m.replaceFirst(Matcher.quoteReplacement(m.group(1) + "\"" + wrong + "\"")));
        Admin admin;
        try {
            admin = Admin.create(bad);
        } catch (KafkaException e) {
            return ProbeCheck.unknown(
                    name, ProbeArea.IDENTITY, "no client can be made of this config: " + Failures.describe(e), "");
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs()))
                    .clusterId()
                    .get(timeoutMs(), TimeUnit.MILLISECONDS);
            return ProbeCheck.fail(
                    name,
                    ProbeArea.IDENTITY,
                    "a wrong password was accepted (" + mechanism + ")",
                    "the target does not check passwords on this listener: fix its SASL setup");
        } catch (Exception e) {
            if (Failures.is(e, AuthenticationException.class)) {
                return ProbeCheck.pass(
                        name,
                        ProbeArea.IDENTITY,
                        mechanism + " with a wrong password failed to authenticate ("
                                + Failures.unwrap(e).getClass().getSimpleName() + ")");
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return ProbeCheck.unknown(
                    name, ProbeArea.IDENTITY, "no authentication error, but: " + Failures.describe(e), "");
        } finally {
            admin.close(java.time.Duration.ZERO);
        }
    }

    /** The SASL PLAIN/SCRAM user name of the client's JAAS config, if it has one. */
    static Optional<String> username(Map<String, Object> props) {
        Matcher u = USERNAME.matcher(String.valueOf(props.getOrDefault("sasl.jaas.config", "")));
        return u.find() ? Optional.of(u.group(1)) : Optional.empty();
    }

    /** The password of the client's JAAS config, unquoted, if it has one (a secret: never shown). */
    static Optional<String> password(Map<String, Object> props) {
        Matcher m = PASSWORD.matcher(String.valueOf(props.getOrDefault("sasl.jaas.config", "")));
        if (!m.find()) {
            return Optional.empty();
        }
        String value = m.group(2);
        if (value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2) {
            value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        Redactor.remember(value);
        return Optional.of(value);
    }

    /** The SASL mechanism when the client logs in with SCRAM over SASL, e.g. {@code SCRAM-SHA-512}. */
    static Optional<String> scramMechanism(Map<String, Object> props) {
        String protocol = String.valueOf(props.getOrDefault("security.protocol", "PLAINTEXT"))
                .toUpperCase(Locale.ROOT);
        String mechanism =
                String.valueOf(props.getOrDefault("sasl.mechanism", "GSSAPI")).toUpperCase(Locale.ROOT);
        return protocol.startsWith("SASL_") && mechanism.startsWith("SCRAM-")
                ? Optional.of(mechanism)
                : Optional.empty();
    }

    /** How the client logs in, e.g. {@code SASL_PLAINTEXT SCRAM-SHA-512 as user app}; never a secret. */
    static String who(Map<String, Object> props) {
        String protocol = String.valueOf(props.getOrDefault("security.protocol", "PLAINTEXT"));
        if (!protocol.toUpperCase(Locale.ROOT).startsWith("SASL_")) {
            return protocol;
        }
        String mechanism = String.valueOf(props.getOrDefault("sasl.mechanism", "GSSAPI"));
        Matcher u = USERNAME.matcher(String.valueOf(props.getOrDefault("sasl.jaas.config", "")));
        return protocol + " " + mechanism + (u.find() ? " as user " + Redactor.redactText(u.group(1)) : "");
    }

    private static String words(Set<AclOperation> ops) {
        return String.join(", ", ops.stream().map(AclOperation::name).toList());
    }

    int timeoutMs() {
        return (int) Math.min(Integer.MAX_VALUE, client.timeout().toMillis());
    }
}
