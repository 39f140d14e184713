package dev.cutover.orchestrator.switching;

import static dev.cutover.orchestrator.switching.SwitchFixtures.FILE_PROVIDER;
import static dev.cutover.orchestrator.switching.SwitchFixtures.context;
import static dev.cutover.orchestrator.switching.SwitchFixtures.load;
import static dev.cutover.orchestrator.switching.SwitchFixtures.profile;
import static dev.cutover.orchestrator.switching.SwitchFixtures.read;
import static dev.cutover.orchestrator.switching.SwitchFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.ConnectionProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file switcher on .properties files: only connection keys change, every other line stays byte for byte. */
class FileSwitcherPropertiesTest {
    private static final String CANARY = "CANARY-pw-7f3a91";

    @TempDir
    Path workspace;

    private Path secrets;
    private ConnectionProfile target;
    private final FileSwitcher switcher = new FileSwitcher("apps/billing/client.properties");

    @BeforeEach
    void profiles() {
        secrets = write(
                workspace,
                ".secrets/target.properties",
                "jaas=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"billing\""
                        + " password=\"" + CANARY + "\";\n");
        target = profile(
                "target",
                "bootstrap.servers",
                "target-1:9093",
                "security.protocol",
                "SASL_SSL",
                "sasl.mechanism",
                "SCRAM-SHA-256",
                "sasl.jaas.config",
                "${file:" + secrets + ":jaas}",
                "ssl.truststore.location",
                "/etc/kafka/target.jks",
                "client.id",
                "cutover-admin");
    }

    private static final String ORIGINAL =
            """
            # Billing's Kafka client
            ! an old-style comment

            group.id = billing
            bootstrap.servers = source-1:9092,\\
                source-2:9092
            security.protocol=SASL_SSL
            sasl.mechanism: SCRAM-SHA-512
            sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\
                username="billing" password="old-inline-secret";
            ssl.endpoint.identification.algorithm=
            key\\ with\\ spaces=v\\u00e9 \\\\
            max.poll.records   500
            # a comment ending in a backslash does not continue \\
            auto.offset.reset=earliest
            """;

    @Test
    void rewritesOnlyTheConnectionSettingsAndKeepsEveryOtherLine() {
        // Given a client file with comments, blank lines, escapes, continuations and three separator styles
        Path file = write(workspace, "apps/billing/client.properties", ORIGINAL);

        // When it is switched to the target
        SwitchOutcome outcome = switcher.start(context(workspace, target));

        // Then the connection keys hold the target's settings (the secret as its reference), the removed one is gone,
        // new ones follow the last connection key with the file's separator, and nothing else changed
        assertThat(read(file))
                .isEqualTo(
                        """
                        # Billing's Kafka client
                        ! an old-style comment

                        group.id = billing
                        bootstrap.servers = target-1:9093
                        security.protocol=SASL_SSL
                        sasl.mechanism: SCRAM-SHA-256
                        sasl.jaas.config=${file:%s:jaas}
                        ssl.truststore.location = /etc/kafka/target.jks
                        config.providers = file
                        config.providers.file.class = %s
                        key\\ with\\ spaces=v\\u00e9 \\\\
                        max.poll.records   500
                        # a comment ending in a backslash does not continue \\
                        auto.offset.reset=earliest
                        """
                                .formatted(secrets, FILE_PROVIDER));
        assertThat(read(file))
                .doesNotContain(CANARY)
                .doesNotContain("old-inline-secret")
                .doesNotContain("client.id");
        assertThat(outcome.done()).isTrue();
        assertThat(outcome.details())
                .containsEntry("keys.changed", "bootstrap.servers,sasl.mechanism,sasl.jaas.config")
                .containsEntry("keys.added", "ssl.truststore.location,config.providers,config.providers.file.class")
                .containsEntry("keys.removed", "ssl.endpoint.identification.algorithm")
                .containsEntry("cluster", "target");
        assertThat(outcome.toString()).doesNotContain(CANARY);

        // And a Kafka client reading it (as Properties) sees the old settings with only the connection keys changed
        Map<String, String> expected = new TreeMap<>(load(ORIGINAL));
        expected.remove("ssl.endpoint.identification.algorithm");
        expected.put("bootstrap.servers", "target-1:9093");
        expected.put("sasl.mechanism", "SCRAM-SHA-256");
        expected.put("sasl.jaas.config", "${file:" + secrets + ":jaas}");
        expected.put("ssl.truststore.location", "/etc/kafka/target.jks");
        expected.put("config.providers", "file");
        expected.put("config.providers.file.class", FILE_PROVIDER);
        assertThat(load(read(file))).isEqualTo(expected);
        assertThat(load(read(file))).containsEntry("key with spaces", "vé \\");
    }

    @Test
    void aSecondRewriteForTheSameClusterChangesNothingAndSaysSo() throws IOException {
        // Given a file already switched to the target
        Path file = write(workspace, "apps/billing/client.properties", ORIGINAL);
        switcher.start(context(workspace, target));
        byte[] after = Files.readAllBytes(file);
        Path previous = workspace.resolve(".cutover/state/billing/file/previous-client.properties");
        long previousModified = Files.getLastModifiedTime(previous).toMillis();

        // When it is switched to the target again (a resumed wave)
        SwitchOutcome again = switcher.start(context(workspace, target));

        // Then nothing is written and the outcome says so
        assertThat(Files.readAllBytes(file)).isEqualTo(after);
        assertThat(again.summary())
                .isEqualTo("apps/billing/client.properties already points at target: nothing to change");
        assertThat(again.details()).containsEntry("changed", "no");
        assertThat(read(previous)).isEqualTo(ORIGINAL);
        assertThat(Files.getLastModifiedTime(previous).toMillis()).isEqualTo(previousModified);
    }

    @Test
    void theFirstOriginalIsKeptAcrossRewritesAndCanBeRestored() throws IOException {
        // Given a file switched to the target and back to the source
        Path file = write(workspace, "apps/billing/client.properties", ORIGINAL);
        ConnectionProfile source =
                profile("source", "bootstrap.servers", "source-1:9092", "security.protocol", "PLAINTEXT");
        switcher.start(context(workspace, target));
        String onTarget = read(file);
        SwitchOutcome back = switcher.start(context(workspace, source));

        // Then the original backup is still the first content, the previous one the content before the last rewrite,
        // both readable by the owner only
        Path dir = workspace.resolve(".cutover/state/billing/file");
        assertThat(read(dir.resolve("original-client.properties"))).isEqualTo(ORIGINAL);
        assertThat(read(dir.resolve("previous-client.properties"))).isEqualTo(onTarget);
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(dir.resolve("original-client.properties"))))
                .isEqualTo("rw-------");
        assertThat(back.details())
                .containsEntry("keys.removed", "sasl.mechanism,sasl.jaas.config,ssl.truststore.location");
        assertThat(load(read(file)))
                .containsEntry("bootstrap.servers", "source-1:9092")
                .containsEntry("security.protocol", "PLAINTEXT")
                .doesNotContainKey("sasl.jaas.config");

        // When the original is restored, the file is back byte for byte
        switcher.restoreOriginal(context(workspace, source));
        assertThat(Files.readAllBytes(file)).isEqualTo(ORIGINAL.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keepsLineEndingsAndAMissingFinalNewline() {
        Path file = write(workspace, "apps/billing/client.properties", "bootstrap.servers=a:1\r\nclient.id=x");
        switcher.start(context(workspace, profile("t", "bootstrap.servers", "b:2", "security.protocol", "SSL")));
        assertThat(read(file)).isEqualTo("bootstrap.servers=b:2\r\nsecurity.protocol=SSL\r\nclient.id=x");

        write(workspace, "apps/billing/client.properties", "client.id=x");
        switcher.start(context(workspace, profile("t", "bootstrap.servers", "b:2")));
        assertThat(read(file)).isEqualTo("client.id=x\nbootstrap.servers=b:2");
    }

    @Test
    void addsItsProvidersToTheFileOwnAndKeepsByteOutsideAscii() throws IOException {
        // Given a file that configures its own provider and holds a Latin-1 byte in a comment
        byte[] original = ("# caf\u00e9\nconfig.providers=vault\nconfig.providers.vault.class=com.example.Vault\n"
                        + "bootstrap.servers=a:1\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Path file = workspace.resolve("apps/billing/client.properties");
        Files.createDirectories(file.getParent());
        Files.write(file, original);

        // When switched to a profile whose password is an environment reference inside the JAAS config
        ConnectionProfile env = profile(
                "target",
                "bootstrap.servers",
                "b:2",
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"billing\""
                        + " password=\"${env:BILLING_PW}\";");
        switcher.start(context(workspace, env));

        // Then the provider is added to the file's list, the comment's byte is untouched
        byte[] after = Files.readAllBytes(file);
        assertThat(after[5]).isEqualTo((byte) 0xe9);
        assertThat(load(new String(after, StandardCharsets.ISO_8859_1)))
                .containsEntry("config.providers", "vault,env")
                .containsEntry("config.providers.vault.class", "com.example.Vault")
                .containsEntry("config.providers.env.class", SwitchFixtures.ENV_PROVIDER)
                .containsEntry("sasl.jaas.config", env.properties().get("sasl.jaas.config"));
    }

    @Test
    void refusesToWriteASecretInlineAndWritesNothing() {
        // Given a profile holding its password inline
        Path file = write(workspace, "apps/billing/client.properties", ORIGINAL);
        ConnectionProfile inline = profile(
                "target",
                "bootstrap.servers",
                "b:2",
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\""
                        + " password=\"inline-pw-4d2c\";");

        // When the file is switched to it
        CutoverException e =
                catchThrowableOfType(CutoverException.class, () -> switcher.start(context(workspace, inline)));

        // Then it is refused, naming the key and the fix, never the value, and the file is untouched
        assertThat(e.reason()).isEqualTo(Reason.CONFIG_INVALID);
        assertThat(e.getMessage())
                .contains("profile 'target': sasl.jaas.config holds a secret inline")
                .doesNotContain("inline-pw-4d2c");
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("${file:"));
        assertThat(read(file)).isEqualTo(ORIGINAL);
        assertThat(workspace.resolve(".cutover/state/billing/file")).doesNotExist();
        ConnectionProfile keyPassword = profile("t", "bootstrap.servers", "b:2", "ssl.key.password", "pw12");
        CutoverException password =
                catchThrowableOfType(CutoverException.class, () -> switcher.start(context(workspace, keyPassword)));
        assertThat(password.getMessage()).contains("ssl.key.password holds a secret inline");
    }

    @Test
    void stopDoesNothingAndAMissingFileIsNamed() {
        Path file = write(workspace, "apps/billing/client.properties", ORIGINAL);
        SwitchOutcome stop = switcher.stop(context(workspace, target));
        assertThat(stop.done()).isTrue();
        assertThat(stop.summary()).startsWith("nothing to stop: a file alone does not stop a client");
        assertThat(read(file)).isEqualTo(ORIGINAL);

        CutoverException e = catchThrowableOfType(CutoverException.class, () -> new FileSwitcher("apps/nope.properties")
                .start(context(workspace, target)));
        assertThat(e.reason()).isEqualTo(Reason.CONFIG_INVALID);
        assertThat(e.getMessage())
                .contains("workload 'billing': its switch file")
                .contains("nope.properties does not exist");
    }

    @Test
    void aLinkIsFollowedAndStaysALink() throws IOException {
        Path real = write(workspace, "config/real.properties", "bootstrap.servers=a:1\n");
        Path link = workspace.resolve("apps/billing/client.properties");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, link.getParent().relativize(real));

        switcher.start(context(workspace, profile("t", "bootstrap.servers", "b:2")));

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(read(real)).isEqualTo("bootstrap.servers=b:2\n");
    }

    @Test
    void aStateDirectoryThatCannotBeWrittenIsNamedAndTheFileIsUntouched() {
        // Given a regular file where the workload's state directory should be
        Path file = write(workspace, "apps/billing/client.properties", ORIGINAL);
        write(workspace, ".cutover/state/billing", "not a directory");

        // When the file is switched
        CutoverException e =
                catchThrowableOfType(CutoverException.class, () -> switcher.start(context(workspace, target)));

        // Then the error names the path (exit 2, not an internal error), and nothing was rewritten
        assertThat(e.reason()).isEqualTo(Reason.CONFIG_INVALID);
        assertThat(e.getMessage()).startsWith("cannot write " + workspace.resolve(".cutover/state/billing/file"));
        assertThat(read(file)).isEqualTo(ORIGINAL);
    }
}
