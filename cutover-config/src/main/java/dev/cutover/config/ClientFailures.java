package dev.cutover.config;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.security.auth.login.LoginException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;

/**
 * What a Kafka client's failure says about the environment: a cluster that does not answer, credentials or
 * permissions it refuses, or a profile whose properties cannot make a client (JAAS, SSL stores, other client
 * properties). Such failures are the user's or the environment's to fix, never a bug in cutover: {@link #classify}
 * turns them into a {@link CutoverException} with the {@link Reason} (exit 2 for the profile's configuration, 3 for
 * the cluster) and a message naming the profile and the cause, and {@link Kind#retriable()} tells a restart policy
 * whether trying again can help.
 *
 * <p>Messages pass through {@link Redactor#redactText}; they quote what Kafka says about a property, never the
 * value of {@code sasl.jaas.config} or a password.
 */
public final class ClientFailures {
    private static final String JAAS_KEY = "sasl.jaas.config";

    /** The kinds of environment failure, each with its exit reason and whether a retry can help. */
    public enum Kind {
        /** No answer in time: the cluster is down, unreachable, or a listener speaks another protocol. */
        TIMEOUT(Reason.CLUSTER_UNREACHABLE, true),
        /** A network failure or a transient cluster condition (no leader, coordinator moving, a host not resolving). */
        UNREACHABLE(Reason.CLUSTER_UNREACHABLE, true),
        /** The cluster refused the credentials, or the TLS handshake failed. */
        AUTHENTICATION(Reason.AUTHENTICATION_FAILED, false),
        /** The cluster refused an operation to the profile's principal. */
        AUTHORIZATION(Reason.AUTHORIZATION_FAILED, false),
        /** {@code sasl.jaas.config} (or another SASL property) cannot be used: syntax, unknown login module. */
        SASL_CONFIG(Reason.CONFIG_INVALID, false),
        /** A key or trust store cannot be loaded: missing file, wrong password, not a store. */
        SSL_CONFIG(Reason.CONFIG_INVALID, false),
        /** Another client property is invalid. */
        CLIENT_CONFIG(Reason.CONFIG_INVALID, false);

        private final Reason reason;
        private final boolean retriable;

        Kind(Reason reason, boolean retriable) {
            this.reason = reason;
            this.retriable = retriable;
        }

        public Reason reason() {
            return reason;
        }

        /** Whether the same client may succeed later without anyone changing the profile, the ACLs or credentials. */
        public boolean retriable() {
            return retriable;
        }
    }

    private ClientFailures() {}

    /** The kind of environment failure {@code failure} is (looking through wrappers and causes), if it is one. */
    public static Optional<Kind> kindOf(Throwable failure) {
        return find(failure).map(Found::kind);
    }

    /** Whether a failure is an environment failure that a retry can cure (a timeout, a network failure). */
    public static boolean retriable(Throwable failure) {
        return kindOf(failure).map(Kind::retriable).orElse(false);
    }

    /**
     * The failure as a {@link CutoverException} naming {@code profile}, if it is an environment failure. A {@link
     * CutoverException} found in the chain is returned as it is.
     *
     * @param profile the connection profile the failing client was made from, or null if unknown
     */
    public static Optional<CutoverException> classify(Throwable failure, String profile) {
        return classify(failure, profile, null);
    }

    /** As {@link #classify(Throwable, String)}, with the profile's bootstrap servers and timeout in the message. */
    public static Optional<CutoverException> classify(Throwable failure, ConnectionProfile profile) {
        return classify(failure, profile.name(), profile);
    }

    private static Optional<CutoverException> classify(Throwable failure, String name, ConnectionProfile profile) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CutoverException ce) {
                return Optional.of(ce);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return find(failure).map(found -> found.exception(failure, name, profile));
    }

    private record Found(Kind kind, Throwable cause) {
        CutoverException exception(Throwable failure, String name, ConnectionProfile profile) {
            String who = name == null ? "a Kafka client" : "profile '" + name + "'";
            String edit = name == null ? "the profile" : "profile '" + name + "' in " + Workspace.CONFIG_FILE;
            String said = said(cause);
            return switch (kind) {
                case TIMEOUT ->
                    new CutoverException(
                            kind.reason(),
                            who + ": the cluster" + at(profile) + " did not answer" + within(profile) + " (" + said
                                    + ")",
                            "check that the cluster runs and is reachable from this machine, and that security.protocol"
                                    + " matches its listener; if it is only slow, raise the profile's timeout",
                            failure);
                case UNREACHABLE ->
                    new CutoverException(
                            kind.reason(),
                            who + ": cannot reach the cluster" + at(profile) + " (" + said + ")",
                            "check bootstrap.servers and that the cluster runs and is reachable from this machine",
                            failure);
                case AUTHENTICATION ->
                    new CutoverException(
                            kind.reason(),
                            who + ": the cluster" + at(profile) + " refused to authenticate us (" + said + ")",
                            cause instanceof SslAuthenticationException
                                    ? "check the TLS settings of " + edit
                                            + " (ssl.truststore.*, ssl.keystore.*) against"
                                            + " the broker's certificate"
                                    : "check the credentials and sasl.mechanism of " + edit,
                            failure);
                case AUTHORIZATION ->
                    new CutoverException(
                            kind.reason(),
                            who + ": the cluster" + at(profile) + " refused access to " + refused(cause) + " (" + said
                                    + ")",
                            "grant the principal of " + edit + " the ACLs the command needs (see the README)",
                            failure);
                case SASL_CONFIG ->
                    new CutoverException(
                            kind.reason(),
                            who + ": " + JAAS_KEY + " (or another sasl.* property) is not usable: " + said,
                            "fix " + JAAS_KEY + " of " + edit + ": a LoginModule class on the class path, 'required',"
                                    + " key=\"value\" options, and a closing ';'",
                            failure);
                case SSL_CONFIG ->
                    new CutoverException(
                            kind.reason(),
                            who + ": cannot load " + store(cause, profile) + ": " + sslSaid(cause, profile),
                            "check ssl.truststore.location / ssl.keystore.location (the file exists and is readable),"
                                    + " their type and password in " + edit,
                            failure);
                case CLIENT_CONFIG ->
                    new CutoverException(
                            kind.reason(),
                            who + ": its client properties are invalid: " + aboutReference(cause, profile, said),
                            "fix the properties of " + edit,
                            failure);
            };
        }
    }

    private static Optional<Found> find(Throwable failure) {
        // Most specific first: a wrapper's own message ("Failed to create new KafkaAdminClient") says nothing useful.
        Throwable t = unwrap(failure);
        if (t == null) {
            return Optional.empty();
        }
        for (Throwable c = t; c != null; c = next(c)) {
            if (c instanceof SslAuthenticationException || c instanceof SaslAuthenticationException) {
                return Optional.of(new Found(Kind.AUTHENTICATION, c));
            }
            if (c instanceof AuthenticationException) {
                return Optional.of(new Found(Kind.AUTHENTICATION, c));
            }
            if (c instanceof AuthorizationException) {
                return Optional.of(new Found(Kind.AUTHORIZATION, c));
            }
            if (c instanceof org.apache.kafka.common.errors.TimeoutException
                    || c instanceof java.util.concurrent.TimeoutException) {
                return Optional.of(new Found(Kind.TIMEOUT, c));
            }
        }
        for (Throwable c = t; c != null; c = next(c)) {
            if (c instanceof LoginException || mentionsJaasOrSasl(c)) {
                return Optional.of(new Found(Kind.SASL_CONFIG, c));
            }
            if (isSslStore(c)) {
                return Optional.of(new Found(Kind.SSL_CONFIG, c));
            }
        }
        for (Throwable c = t; c != null; c = next(c)) {
            if (c instanceof ConfigException ce) {
                String message = String.valueOf(ce.getMessage());
                return Optional.of(new Found(
                        message.contains("bootstrap") && message.contains("resolvable")
                                ? Kind.UNREACHABLE
                                : Kind.CLIENT_CONFIG,
                        c));
            }
            if (c instanceof RetriableException) {
                return Optional.of(new Found(Kind.UNREACHABLE, c));
            }
        }
        if (isClientConstruction(t)) {
            return Optional.of(new Found(Kind.CLIENT_CONFIG, deepest(t)));
        }
        return Optional.empty();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static Throwable next(Throwable t) {
        Throwable cause = t.getCause();
        return cause == t ? null : cause;
    }

    private static Throwable deepest(Throwable t) {
        Throwable d = t;
        while (next(d) != null) {
            d = next(d);
        }
        // "Failed to load SSL keystore X of type JKS" says which file; its cause says why.
        return d;
    }

    private static boolean mentionsJaasOrSasl(Throwable t) {
        if (!(t instanceof IllegalArgumentException || t instanceof KafkaException)) {
            return false;
        }
        String m = String.valueOf(t.getMessage());
        return m.contains("JAAS") || m.contains("LoginModule") || m.contains("SASL mechanism");
    }

    private static boolean isSslStore(Throwable t) {
        if (t instanceof GeneralSecurityException || t instanceof javax.net.ssl.SSLException) {
            return true;
        }
        String m = String.valueOf(t.getMessage());
        return t instanceof KafkaException && (m.contains("SSL keystore") || m.contains("SSL truststore"))
                || m.contains("keystore password was incorrect");
    }

    private static boolean isClientConstruction(Throwable t) {
        String m = String.valueOf(t.getMessage());
        return t instanceof KafkaException
                && (m.startsWith("Failed to create new") || m.startsWith("Failed to construct"));
    }

    /**
     * What Kafka said about it and why (the cause chain, so that "Failed to create new NetworkClient" comes with its
     * reason), redacted.
     */
    private static String said(Throwable cause) {
        return chain(cause);
    }

    /**
     * A failure's message followed by its causes' messages that add something ({@code "Failed to create new
     * NetworkClient: No LoginModule found for com.example.X"}), at most five, redacted.
     */
    public static String chain(Throwable failure) {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 5; t = next(t), depth++) {
            String one = one(t);
            if (text.indexOf(one) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(one);
            }
        }
        return Redactor.redactText(text.toString());
    }

    private static String one(Throwable cause) {
        String text = cause.getMessage() != null
                ? cause.getMessage()
                : cause instanceof java.util.concurrent.TimeoutException
                        ? "no answer"
                        : cause.getClass().getSimpleName();
        if (cause instanceof NoSuchFileException) {
            text = "no such file " + cause.getMessage();
        }
        return text.strip();
    }

    /**
     * For a property whose value in the profile is a config-provider reference: Kafka's message quotes the resolved
     * value, so the message names the key and the reference instead and never shows what it resolved to (however
     * short, and so not caught by value).
     */
    private static String aboutReference(Throwable cause, ConnectionProfile profile, String said) {
        if (profile == null) {
            return said;
        }
        String message = String.valueOf(cause.getMessage());
        for (var property : profile.properties().entrySet()) {
            if (ClientPolicy.hasReference(property.getValue()) && message.contains(property.getKey())) {
                return property.getKey() + " (" + property.getValue() + ") resolves to a value Kafka does not accept"
                        + " (the value is not shown): check what the reference points at";
            }
        }
        return said;
    }

    /** Why a store did not load; with the store's file when the profile does not tell which property it is. */
    private static String sslSaid(Throwable cause, ConnectionProfile profile) {
        String why = null;
        for (Throwable t = cause; t != null && why == null; t = next(t)) {
            if (t instanceof NoSuchFileException || t instanceof java.io.FileNotFoundException) {
                why = "the file does not exist or cannot be read";
            } else if (String.valueOf(t.getMessage()).contains("password was incorrect")
                    || String.valueOf(t.getMessage()).contains("Integrity check failed")
                    || t instanceof java.security.UnrecoverableKeyException) {
                why = "wrong password, or a damaged store (" + t.getMessage() + ")";
            }
        }
        if (why == null) {
            Throwable reason = next(cause) == null ? cause : next(cause);
            why = String.valueOf(reason.getMessage());
        }
        String which = profile != null && !store(cause, profile).startsWith("an ") ? "" : said(cause) + ": ";
        return Redactor.redactText(which + why);
    }

    private static String at(ConnectionProfile profile) {
        return profile == null ? "" : " at " + Redactor.redactText(profile.bootstrapServers());
    }

    private static String within(ConnectionProfile profile) {
        return profile == null ? " in time" : " within " + Durations.format(profile.timeout());
    }

    private static String refused(Throwable cause) {
        if (cause instanceof TopicAuthorizationException topics) {
            return "topic(s) " + new java.util.TreeSet<>(topics.unauthorizedTopics());
        }
        if (cause instanceof GroupAuthorizationException group) {
            return "group " + group.groupId();
        }
        if (cause instanceof TransactionalIdAuthorizationException) {
            return "a transactional id";
        }
        if (cause instanceof ClusterAuthorizationException) {
            return "the cluster resource";
        }
        return "a resource";
    }

    /** Which store failed: the property whose value is the failing file, when the profile is known. */
    private static String store(Throwable cause, ConnectionProfile profile) {
        if (profile != null) {
            for (String key : java.util.List.of("ssl.truststore.location", "ssl.keystore.location")) {
                String location = profile.properties().get(key);
                if (location != null && mentions(cause, location)) {
                    return key + " " + location;
                }
            }
        }
        return "an SSL key or trust store";
    }

    private static boolean mentions(Throwable cause, String text) {
        for (Throwable t = cause; t != null; t = next(t)) {
            if (String.valueOf(t.getMessage()).contains(text)) {
                return true;
            }
        }
        return false;
    }
}
