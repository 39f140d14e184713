package dev.cutover.readiness.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The strongly connected components with more than one node (Tarjan), each sorted, in a stable order. */
final class Cycles {
    private final Map<String, Set<String>> edges;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new HashSet<>();
    private final List<List<String>> found = new ArrayList<>();
    private int counter;

    private Cycles(Map<String, Set<String>> edges) {
        this.edges = edges;
    }

    /** {@code edges}: node → nodes it points to; iteration order of the map and sets decides the output order. */
    static List<List<String>> find(Map<String, Set<String>> edges) {
        Cycles c = new Cycles(edges);
        for (String n : edges.keySet()) {
            if (!c.index.containsKey(n)) {
                c.visit(n);
            }
        }
        c.found.sort(java.util.Comparator.comparing(l -> l.get(0)));
        return List.copyOf(c.found);
    }

    private void visit(String n) {
        index.put(n, counter);
        low.put(n, counter);
        counter++;
        stack.push(n);
        onStack.add(n);
        for (String next : edges.getOrDefault(n, Set.of())) {
            if (!index.containsKey(next)) {
                visit(next);
                low.put(n, Math.min(low.get(n), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(n, Math.min(low.get(n), index.get(next)));
            }
        }
        if (low.get(n).equals(index.get(n))) {
            List<String> component = new ArrayList<>();
            String m;
            do {
                m = stack.pop();
                onStack.remove(m);
                component.add(m);
            } while (!m.equals(n));
            if (component.size() > 1) {
                component.sort(null);
                found.add(List.copyOf(component));
            }
        }
    }
}
