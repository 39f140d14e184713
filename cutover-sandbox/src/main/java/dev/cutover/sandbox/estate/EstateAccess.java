package dev.cutover.sandbox.estate;

import dev.cutover.sandbox.KafkaCluster;
import dev.cutover.sandbox.SecurityMode;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;

/**
 * Principals and ACLs of the estate. Under {@link SecurityMode#SASL_SCRAM} every service gets its own SCRAM user with a
 * random password (kept in memory only) and exactly the ACLs of {@link EstatePlan#acls}; under other modes there is
 * nothing to create and clients connect as the cluster's client properties allow.
 */
final class EstateAccess {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KafkaCluster cluster;
    private final Map<String, String> passwords;
    private final List<AclBinding> acls;

    private EstateAccess(KafkaCluster cluster, Map<String, String> passwords, List<AclBinding> acls) {
        this.cluster = cluster;
        this.passwords = Map.copyOf(passwords);
        this.acls = List.copyOf(acls);
    }

    /** Creates the users and ACLs the clients need (SASL_SCRAM only) and waits until each user can log in. */
    static EstateAccess grant(KafkaCluster cluster, Admin admin, List<SeededClient> clients) {
        if (cluster.security() != SecurityMode.SASL_SCRAM) {
            return new EstateAccess(cluster, Map.of(), List.of());
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        clients.forEach(c -> passwords.computeIfAbsent(c.name(), n -> randomPassword()));
        LinkedHashSet<AclBinding> acls = new LinkedHashSet<>();
        clients.forEach(c -> acls.addAll(EstatePlan.acls(c)));
        List<UserScramCredentialAlteration> users = passwords.entrySet().stream()
                .<UserScramCredentialAlteration>map(e -> new UserScramCredentialUpsertion(
                        e.getKey(), new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), e.getValue()))
                .toList();
        try {
            admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(List.copyOf(acls)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the estate's users and ACLs on " + cluster.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the estate's users", e);
        }
        EstateAccess access = new EstateAccess(cluster, passwords, List.copyOf(acls));
        passwords.keySet().forEach(access::awaitLogin);
        return access;
    }

    /** Connection properties (bootstrap, security) of a service's principal. */
    Map<String, Object> connection(String service) {
        return new HashMap<>(cluster.clientProperties(service, passwords.get(service)));
    }

    List<AclBinding> acls() {
        return acls;
    }

    private void awaitLogin(String user) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Map<String, Object> props = connection(user);
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        while (true) {
            try (Admin admin = Admin.create(props)) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("SCRAM user " + user + " cannot log in to " + cluster.name(), e);
                }
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for user " + user, e);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for SCRAM users", e);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
