package dev.cutover.orchestrator.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.api.CutoverException;
import dev.cutover.api.Reason;
import dev.cutover.config.Redactor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wave journal: {@code WORKSPACE/journal/journal.jsonl}, one JSON object per line, appended and forced to disk
 * before the call returns, so that a step's {@code begin} is on disk before the step acts and its {@code end} before
 * the next begins. It lives in the workspace, not on a cluster: a rollback needs it most when the target is down.
 *
 * <p>Reading tolerates what a crash can leave: a last line cut short (no newline, or not parseable JSON) is ignored and
 * reported by {@link #tornTail()}; a damaged line anywhere else is a usage error naming the line, since the journal
 * would no longer say what happened.
 */
public final class Journal {
    public static final String DIR = "journal";
    public static final String FILE = "journal.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Clock clock;
    private final List<JournalEntry> entries;
    private boolean tornTail;
    private final long validEnd;

    private Journal(Path file, Clock clock, List<JournalEntry> entries, boolean tornTail, long validEnd) {
        this.file = file;
        this.clock = clock;
        this.entries = entries;
        this.tornTail = tornTail;
        this.validEnd = validEnd;
    }

    public static Path fileOf(Path workspace) {
        return workspace.resolve(DIR).resolve(FILE);
    }

    /** Reads the workspace's journal (empty when there is none yet). */
    public static Journal open(Path workspace, Clock clock) {
        Path file = fileOf(workspace);
        if (!Files.exists(file)) {
            return new Journal(file, clock, new ArrayList<>(), false, 0);
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.UTF_8);
            List<JournalEntry> entries = new ArrayList<>();
            String[] lines = text.split("\n", -1);
            int lastLine = lines.length - 1;
            while (lastLine >= 0 && lines[lastLine].isBlank()) {
                lastLine--;
            }
            boolean torn = false;
            long validEnd = 0;
            long at = 0;
            for (int i = 0; i <= lastLine; i++) {
                String line = lines[i];
                long lineStart = at;
                at += line.getBytes(StandardCharsets.UTF_8).length + 1;
                if (line.isBlank()) {
                    continue;
                }
                boolean last = i == lastLine;
                try {
                    JournalEntry entry = parse(line);
                    if (last && !text.endsWith("\n")) {
                        torn = true; // parseable but without its newline: the write was cut before its end
                        validEnd = lineStart;
                    } else {
                        entries.add(entry);
                        validEnd = Math.min(at, bytes.length);
                    }
                } catch (IOException | RuntimeException e) {
                    if (last) {
                        torn = true; // what a crash mid-write leaves: ignored, and overwritten by the next entry
                        validEnd = lineStart;
                        continue;
                    }
                    throw new CutoverException(
                            Reason.CONFIG_INVALID,
                            file + ", line " + (i + 1) + ": not a journal entry (" + e.getMessage() + ")",
                            "the journal was edited or damaged; restore it from version control or a backup");
                }
            }
            return new Journal(file, clock, entries, torn, validEnd);
        } catch (IOException e) {
            throw new CutoverException(
                    Reason.CONFIG_INVALID, "cannot read the journal " + file + ": " + e.getMessage(), null, e);
        }
    }

    /** Every entry, oldest first. */
    public List<JournalEntry> entries() {
        return List.copyOf(entries);
    }

    /** The entries of one wave, oldest first. */
    public List<JournalEntry> entries(String wave) {
        return entries.stream().filter(e -> e.wave().equals(wave)).toList();
    }

    /** True when the last line on disk was cut short by a crash and is ignored (the next append rewrites past it). */
    public boolean tornTail() {
        return tornTail;
    }

    public Path file() {
        return file;
    }

    /**
     * Appends an entry and forces it to disk. The caller holds the {@link WorkspaceLock}. Free text passes {@link
     * Redactor#redactText} on the way.
     */
    public JournalEntry append(
            String run,
            String wave,
            Optional<String> workload,
            String step,
            JournalEntry.Phase phase,
            String result,
            Map<String, String> figures) {
        Map<String, String> clean = new LinkedHashMap<>();
        figures.forEach((k, v) -> clean.put(k, Redactor.redactText(String.valueOf(v))));
        JournalEntry entry = new JournalEntry(
                JournalEntry.FORMAT,
                entries.isEmpty() ? 1 : entries.get(entries.size() - 1).seq() + 1,
                Instant.now(clock).toString(),
                run,
                wave,
                workload,
                step,
                phase,
                Who.current(),
                Redactor.redactText(result),
                clean);
        write(entry);
        entries.add(entry);
        return entry;
    }

    private void write(JournalEntry entry) {
        try {
            Files.createDirectories(file.getParent());
            byte[] line = (json(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long end = channel.size();
                if (tornTail) {
                    end = Math.min(validEnd, end); // what a crash left after the last whole entry goes
                    channel.truncate(end);
                } else if (endsTorn(channel, end)) {
                    end = lastNewline(channel, end);
                    channel.truncate(end);
                }
                ByteBuffer buffer = ByteBuffer.wrap(line);
                long at = end;
                while (buffer.hasRemaining()) {
                    at += channel.write(buffer, at);
                }
                channel.force(true);
                tornTail = false;
            }
        } catch (IOException e) {
            throw new CutoverException(
                    Reason.USAGE,
                    "cannot write the journal " + file + ": " + e.getMessage(),
                    "the wave stops before acting further; make the workspace writable (space, permissions), then"
                            + " `cutover wave resume`",
                    e);
        }
    }

    private static boolean endsTorn(FileChannel channel, long size) throws IOException {
        if (size == 0) {
            return false;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        return last.get(0) != '\n';
    }

    private static long lastNewline(FileChannel channel, long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        for (long p = size - 1; p >= 0; p--) {
            one.clear();
            channel.read(one, p);
            if (one.get(0) == '\n') {
                return p + 1;
            }
        }
        return 0;
    }

    /** One entry as the journal writes it: a JSON object on one line. */
    public static String json(JournalEntry e) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", e.v());
        node.put("seq", e.seq());
        node.put("at", e.at());
        node.put("run", e.run());
        node.put("wave", e.wave());
        e.workload().ifPresent(w -> node.put("workload", w));
        node.put("step", e.step());
        node.put("phase", e.phase().name().toLowerCase(java.util.Locale.ROOT));
        node.put("who", e.who());
        node.put("result", e.result());
        ObjectNode figures = node.putObject("figures");
        e.figures().forEach(figures::put);
        return JSON.writeValueAsString(node);
    }

    static JournalEntry parse(String line) throws IOException {
        JsonNode n = JSON.readTree(line);
        int v = n.path("v").asInt(-1);
        if (v != JournalEntry.FORMAT) {
            throw new IOException("format version " + n.path("v") + ", this cutover reads " + JournalEntry.FORMAT);
        }
        Map<String, String> figures = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("figures").fields(); it.hasNext(); ) {
            var f = it.next();
            figures.put(f.getKey(), f.getValue().asText());
        }
        return new JournalEntry(
                v,
                require(n, "seq").asLong(),
                require(n, "at").asText(),
                require(n, "run").asText(),
                require(n, "wave").asText(),
                n.hasNonNull("workload") ? Optional.of(n.get("workload").asText()) : Optional.empty(),
                require(n, "step").asText(),
                JournalEntry.Phase.valueOf(require(n, "phase").asText().toUpperCase(java.util.Locale.ROOT)),
                require(n, "who").asText(),
                require(n, "result").asText(),
                figures);
    }

    private static JsonNode require(JsonNode n, String field) throws IOException {
        if (!n.hasNonNull(field)) {
            throw new IOException("no '" + field + "'");
        }
        return n.get(field);
    }
}
