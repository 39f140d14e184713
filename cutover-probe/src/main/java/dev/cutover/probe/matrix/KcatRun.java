package dev.cutover.probe.matrix;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * librdkafka's round trip through {@code kcat}: produce with a header ({@code -P -H}), consume in a fresh group
 * ({@code -G}, which commits when it exits at the end of the partition). The profile's security settings go to kcat in
 * a private config file ({@code -F}, mode 600, deleted afterwards), never on its command line.
 */
final class KcatRun {
    private static final Pattern JAAS_USER = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern JAAS_PASSWORD = Pattern.compile("password\\s*=\\s*\"([^\"]*)\"");

    /** Where {@code kcat} is on the PATH, if it is. */
    static Optional<Path> find() {
        return find(System.getenv("PATH"));
    }

    /** Where {@code kcat} is on {@code path} (a PATH value), if it is. */
    static Optional<Path> find(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, "kcat");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The librdkafka settings for a profile, or why it cannot be mapped simply ({@code Optional.empty} value with the
     * reason in {@code why}).
     */
    record Mapped(Map<String, String> settings, String why) {}

    static Mapped map(Map<String, String> props) {
        String protocol = props.getOrDefault("security.protocol", "PLAINTEXT").toUpperCase(Locale.ROOT);
        Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("bootstrap.servers", props.get("bootstrap.servers"));
        if (protocol.equals("PLAINTEXT")) {
            return new Mapped(out, "");
        }
        if (!protocol.equals("SASL_PLAINTEXT")) {
            return new Mapped(Map.of(), "kcat with " + protocol + " not mapped (truststores and keystores are JKS)");
        }
        String mechanism = props.getOrDefault("sasl.mechanism", "GSSAPI").toUpperCase(Locale.ROOT);
        String jaas = props.getOrDefault("sasl.jaas.config", "");
        Matcher user = JAAS_USER.matcher(jaas);
        Matcher password = JAAS_PASSWORD.matcher(jaas);
        if (!(mechanism.equals("PLAIN") || mechanism.startsWith("SCRAM-"))
                || jaas.contains("${")
                || !user.find()
                || !password.find()) {
            return new Mapped(Map.of(), "kcat with " + mechanism + " not mapped");
        }
        out.put("security.protocol", "sasl_plaintext");
        out.put("sasl.mechanisms", mechanism);
        out.put("sasl.username", user.group(1));
        out.put("sasl.password", password.group(1));
        return new Mapped(out, "");
    }

    private final Path kcat;
    private final Map<String, String> settings;
    private final RoundTrip trip;
    private final GroupOffsets offsets;

    /** Reads a group's committed offset of partition 0 of the topic (cutover's Admin client), or -1. */
    interface GroupOffsets {
        long committed(String group, String topic) throws Exception;
    }

    KcatRun(Path kcat, Map<String, String> settings, RoundTrip trip, GroupOffsets offsets) {
        this.kcat = kcat;
        this.settings = settings;
        this.trip = trip;
        this.offsets = offsets;
    }

    void run(Progress progress) throws Exception {
        Path conf = Files.createTempFile(
                "cutover-kcat",
                ".conf",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            StringBuilder text = new StringBuilder();
            settings.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            Files.writeString(conf, text);
            progress.step(MatrixCheck.PRODUCE, "producing");
            StringBuilder input = new StringBuilder();
            for (int i = 0; i < trip.records(); i++) {
                input.append(utf8(trip.key(i)))
                        .append('\t')
                        .append(utf8(trip.value(i)))
                        .append('\n');
            }
            // kcat -H sets one header for every record: the same value on all of them
            exec(
                    List.of(
                            "-F",
                            conf.toString(),
                            "-P",
                            "-t",
                            trip.topic(),
                            "-p",
                            "0",
                            "-K",
                            "\t",
                            "-H",
                            "cutover-matrix=" + utf8(trip.header(0))),
                    input.toString());
            progress.pass(MatrixCheck.PRODUCE);
            progress.step(MatrixCheck.CONSUME, "consuming");
            String out = exec(
                    List.of(
                            "-F",
                            conf.toString(),
                            "-G",
                            trip.group(),
                            "-X",
                            "auto.offset.reset=earliest",
                            "-e",
                            "-q",
                            "-f",
                            "%k\t%s\t%h\n",
                            trip.topic()),
                    "");
            List<String> lines = out.lines().filter(l -> !l.isEmpty()).toList();
            int headersOk = 0;
            for (int i = 0; i < trip.records(); i++) {
                if (i >= lines.size()) {
                    throw new IllegalStateException(lines.size() + " of " + trip.records() + " record(s) read back");
                }
                String[] f = lines.get(i).split("\t", -1);
                if (f.length < 2 || !f[0].equals(utf8(trip.key(i))) || !f[1].equals(utf8(trip.value(i)))) {
                    throw new IllegalStateException("record " + i + " came back different: " + f[0]);
                }
                if (f.length > 2 && f[2].equals("cutover-matrix=" + utf8(trip.header(0)))) {
                    headersOk++;
                }
            }
            progress.pass(MatrixCheck.CONSUME);
            progress.step(MatrixCheck.COMMIT, "reading the group's committed offset");
            long committed = offsets.committed(trip.group(), trip.topic());
            if (committed != trip.records()) {
                throw new IllegalStateException(
                        "the group's committed offset is " + committed + ", not " + trip.records());
            }
            progress.pass(MatrixCheck.COMMIT);
            progress.step(MatrixCheck.HEADERS, "checking headers");
            if (headersOk != trip.records()) {
                throw new IllegalStateException(headersOk + " of " + trip.records() + " header(s) came back equal");
            }
            progress.pass(MatrixCheck.HEADERS);
        } finally {
            Files.deleteIfExists(conf);
        }
    }

    private String exec(List<String> args, String stdin) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(kcat.toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).start();
        try {
            CompletableFuture<byte[]> out = drain(p.getInputStream());
            CompletableFuture<byte[]> err = drain(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            LongSupplier left = trip::remainingMillis;
            if (!p.waitFor(left.getAsLong(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("kcat did not finish in time");
            }
            String errText = new String(err.get(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw new IllegalStateException("kcat exited " + p.exitValue() + ": " + lastLine(errText));
            }
            return new String(out.get(), StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in;
                    ByteArrayOutputStream buf = new ByteArrayOutputStream()) {
                in.transferTo(buf);
                return buf.toByteArray();
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().toList();
        return lines.isEmpty() ? "(no message)" : lines.get(lines.size() - 1);
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
