package dev.cutover.config.yaml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Builds {@link YamlNode} trees from SnakeYAML's parser events, so that no SnakeYAML node tree is ever held and every
 * limit is checked as the document is read.
 *
 * <p>Invariants that keep a hostile file bounded:
 *
 * <ul>
 *   <li>An alias shares the tree of its anchor (nodes are immutable), so memory grows with the file, not with what
 *       the aliases expand to.
 *   <li>Every node counts towards a budget of {@link #MAX_NODES} for the whole file, and an alias counts as the full
 *       size of what it stands for. A walk over the result (a parser, the scanner's flattening) therefore visits at
 *       most {@link #MAX_NODES} nodes, however the aliases nest ("billion laughs" needs exponential expansion and
 *       fails at the budget).
 *   <li>An alias may only name an anchor whose node is complete: one inside its own anchored collection ({@code x: &a
 *       [*a]}) is a recursion and an error, so every tree is finite and acyclic.
 *   <li>Depth, aliases expanded, stays within {@link #MAX_DEPTH}, so recursive walks over the tree cannot overflow the
 *       stack. The building itself is iterative.
 * </ul>
 *
 * <p>Error messages name the location and never the text of the file: no alias, anchor or tag name is repeated.
 */
final class YamlTreeBuilder {
    /** Values (scalars, lists and mappings, aliases expanded) in one file. */
    static final int MAX_NODES = 500_000;
    /** Nesting of lists and mappings, aliases expanded. */
    static final int MAX_DEPTH = 100;

    private static final Resolver RESOLVER = new Resolver();

    private final String file;
    private final List<YamlNode> documents = new ArrayList<>();
    private final Deque<Frame> open = new ArrayDeque<>();
    private final Map<String, Built> anchors = new HashMap<>();
    private final Set<String> openAnchors = new HashSet<>();
    private long nodes;

    private YamlTreeBuilder(String file) {
        this.file = file;
    }

    /** The documents of the event stream, in order; an empty document is left out. */
    static List<YamlNode> build(String file, Iterable<Event> events) {
        YamlTreeBuilder builder = new YamlTreeBuilder(file);
        for (Event event : events) {
            builder.accept(event);
        }
        return builder.documents;
    }

    /** A finished node with what it weighs: its size (nodes, aliases expanded) and height (levels below it). */
    private record Built(YamlNode node, long size, int height) {}

    private void accept(Event event) {
        switch (event.getEventId()) {
            case DocumentStart -> anchors.clear(); // anchors are per document
            case Scalar -> scalar((ScalarEvent) event);
            case Alias -> alias((AliasEvent) event);
            case SequenceStart, MappingStart -> start((CollectionStartEvent) event);
            case SequenceEnd, MappingEnd -> end();
            default -> {
                // stream start and end, document end, comments: nothing to build
            }
        }
    }

    private void scalar(ScalarEvent event) {
        Location at = location(event.getStartMark());
        count(1, at);
        String tag = event.getTag();
        boolean isNull;
        if (tag == null || tag.equals("!")) {
            isNull = RESOLVER.resolve(
                            NodeId.scalar, event.getValue(), event.getImplicit().canOmitTagInPlainScalar())
                    .equals(Tag.NULL);
        } else {
            isNull = tag.equals(Tag.NULL.getValue());
        }
        YamlNode node = new YamlNode.Scalar(isNull ? Optional.empty() : Optional.of(event.getValue()), at);
        add(event, new Built(node, 1, 0));
    }

    private void alias(AliasEvent event) {
        Location at = location(event.getStartMark());
        String anchor = event.getAnchor();
        if (openAnchors.contains(anchor)) {
            throw ConfigErrors.invalid(
                    at,
                    "",
                    "recursive alias: it refers to the list or mapping that contains it",
                    "replace the alias with the values it should stand for");
        }
        Built target = anchors.get(anchor);
        if (target == null) {
            throw ConfigErrors.invalid(
                    at,
                    "",
                    "an alias (*) refers to no anchor (&) defined before it in this document",
                    "define the anchor before the alias, or write the value itself (quote a value that starts with"
                            + " '*')");
        }
        count(target.size(), at);
        depth(target.height(), at);
        add(null, target);
    }

    private void start(CollectionStartEvent event) {
        Location at = location(event.getStartMark());
        count(1, at);
        depth(1, at);
        Frame frame = new Frame(event.getAnchor(), at, event.getEventId() == Event.ID.MappingStart);
        if (frame.anchor != null) {
            openAnchors.add(frame.anchor);
        }
        open.push(frame);
    }

    private void end() {
        Frame frame = open.pop();
        if (frame.anchor != null) {
            openAnchors.remove(frame.anchor);
        }
        YamlNode node = frame.mapping
                ? new YamlNode.Mapping(frame.entries, frame.at)
                : new YamlNode.Sequence(frame.items, frame.at);
        Built built = new Built(node, frame.size, frame.height);
        if (frame.anchor != null) {
            anchors.put(frame.anchor, built);
        }
        add(null, built);
    }

    /** Adds a finished node to the open collection, or ends a document; {@code event} registers a scalar's anchor. */
    private void add(NodeEvent event, Built built) {
        if (event != null && event.getAnchor() != null) {
            anchors.put(event.getAnchor(), built);
        }
        Frame parent = open.peek();
        if (parent == null) {
            boolean empty =
                    built.node() instanceof YamlNode.Scalar s && s.value().isEmpty();
            if (!empty) {
                documents.add(built.node());
            }
            return;
        }
        parent.size += built.size();
        parent.height = Math.max(parent.height, built.height() + 1);
        if (!parent.mapping) {
            parent.items.add(built.node());
        } else if (parent.key == null) {
            if (!(built.node() instanceof YamlNode.Scalar key)) {
                throw ConfigErrors.invalid(
                        built.node().location(), "", "a key must be plain text", "write the key as a plain word");
            }
            String text = key.value().orElse("");
            Integer first = parent.keyLines.putIfAbsent(text, key.location().line());
            if (first != null) {
                throw ConfigErrors.invalid(
                        key.location(),
                        text,
                        "duplicate key '" + text + "' (first at line " + first + ")",
                        "keep one '" + text + "' entry in this mapping");
            }
            parent.key = key;
        } else {
            String text = parent.key.value().orElse("");
            parent.entries.add(new YamlNode.Entry(text, parent.key.location(), built.node()));
            parent.key = null;
        }
    }

    private void count(long size, Location at) {
        nodes += size;
        if (nodes > MAX_NODES) {
            throw ConfigErrors.invalid(
                    at,
                    "",
                    "the file holds more than " + MAX_NODES + " values (aliases counted as what they stand for)",
                    "split the file, or use fewer aliases of large lists and mappings");
        }
    }

    private void depth(int height, Location at) {
        if (open.size() + height > MAX_DEPTH) {
            throw ConfigErrors.invalid(
                    at,
                    "",
                    "lists and mappings nest deeper than " + MAX_DEPTH + " levels (aliases counted as what they stand"
                            + " for)",
                    "flatten the structure");
        }
    }

    private Location location(Mark mark) {
        return new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** A list or mapping whose end has not been read yet. */
    private static final class Frame {
        final String anchor;
        final Location at;
        final boolean mapping;
        final List<YamlNode> items = new ArrayList<>();
        final List<YamlNode.Entry> entries = new ArrayList<>();
        final Map<String, Integer> keyLines = new HashMap<>();
        YamlNode.Scalar key;
        long size = 1;
        int height = 1;

        Frame(String anchor, Location at, boolean mapping) {
            this.anchor = anchor;
            this.at = at;
            this.mapping = mapping;
        }
    }
}
