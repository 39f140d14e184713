package dev.cutover.readiness.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Merges a fresh plan into the one on file, three ways: <em>base</em> is the file's {@code computed:} section (what
 * the planner suggested last time), <em>ours</em> the file's waves (with whatever humans changed), <em>theirs</em>
 * the fresh plan. A value that differs between ours and base was edited by hand and is kept; any other value follows
 * the fresh plan. Without a computed section every value on file counts as edited by hand.
 *
 * <p>Fresh waves are first given the names of the base waves they share the most workloads with, so a wave keeps
 * its name across re-plans even when a new wave appears before it; waves that match none get the next free number.
 */
final class PlanMerge {
    private static final Pattern NUMBERED = Pattern.compile("wave-(\\d+)");

    private PlanMerge() {}

    /** The plan to write, the planner's suggestion under the names used, and what changed. */
    record Result(Plan plan, List<Wave> computed, List<String> changes) {}

    static Result merge(PlanYamlParser.ParsedPlan file, Plan fresh) {
        boolean allHand = file.computed().isEmpty();
        List<Wave> ours = file.plan().waves();
        List<Wave> base = file.computed().orElse(List.of());
        List<Wave> theirs = rename(fresh.waves(), allHand ? ours : base, ours);
        List<String> changes = new ArrayList<>();
        if (allHand) {
            changes.add("plan.yaml has no computed section: every wave value in it is treated as edited by hand");
        }
        Map<String, String> ourWave = membership(ours);
        Map<String, String> baseWave = membership(base);
        Map<String, String> theirWave = membership(theirs);

        // Membership: a workload moved by hand stays; the rest follow the planner.
        Map<String, String> target = new LinkedHashMap<>();
        for (Wave w : theirs) {
            for (String name : w.workloads()) {
                String o = ourWave.get(name);
                String n = theirWave.get(name);
                boolean hand = o != null && (allHand || !o.equals(baseWave.get(name)));
                target.put(name, hand ? o : n);
                if (o == null) {
                    changes.add((baseWave.containsKey(name)
                                    ? name + " was missing from plan.yaml; placed in " + n
                                    : "new workload " + name + " placed in " + n)
                            + " (" + fresh.risks().get(name).level().yamlName() + " risk)");
                } else if (hand && !o.equals(n)) {
                    changes.add(name + ": kept in " + o + " (moved by hand; the planner suggests " + n + ")");
                } else if (!hand && !o.equals(n)) {
                    changes.add(name + " moved from " + o + " to " + n + " by the planner");
                }
            }
        }
        ours.forEach(w -> w.workloads().stream()
                .filter(name -> !target.containsKey(name))
                .forEach(name -> changes.add("workload " + name + " dropped from " + w.name()
                        + " (no longer in workloads.yaml or the inventory)")));

        Map<String, Wave> ourByName = byName(ours);
        Map<String, Wave> baseByName = byName(base);
        Map<String, Wave> theirByName = byName(theirs);
        Map<String, List<String>> members = new LinkedHashMap<>();
        target.forEach((name, wave) ->
                members.computeIfAbsent(wave, k -> new ArrayList<>()).add(name));
        for (String wave : new ArrayList<>(members.keySet())) {
            // keep the file's order of members where it has one, new members after
            List<String> order = new ArrayList<>();
            Optional.ofNullable(ourByName.get(wave)).ifPresent(w -> w.workloads().stream()
                    .filter(members.get(wave)::contains)
                    .forEach(order::add));
            Optional.ofNullable(theirByName.get(wave)).ifPresent(w -> w.workloads().stream()
                    .filter(n -> members.get(wave).contains(n) && !order.contains(n))
                    .forEach(order::add));
            members.get(wave).stream().filter(n -> !order.contains(n)).forEach(order::add);
            members.put(wave, order);
        }

        List<String> names = order(ours, base, theirs, allHand, members.keySet(), changes);
        List<Wave> waves = new ArrayList<>();
        for (String name : names) {
            Wave o = ourByName.get(name);
            Wave b = baseByName.get(name);
            Wave n = theirByName.get(name);
            boolean handWave = o != null && (allHand || b == null);
            boolean handPattern = o != null && (handWave || o.pattern() != b.pattern());
            boolean handOwner = o != null && (handWave || !o.owner().equals(b.owner()));
            CutoverPattern pattern = handPattern || n == null ? o.pattern() : n.pattern();
            Optional<String> owner = handOwner || n == null ? o.owner() : n.owner();
            String reason;
            if (handPattern) {
                reason = "set by hand in plan.yaml"
                        + (n == null
                                ? ""
                                : n.pattern() == pattern
                                        ? "; the planner agrees: " + n.patternReason()
                                        : "; the planner suggests "
                                                + n.pattern().yamlName() + ": " + n.patternReason());
                if (n != null && n.pattern() != pattern) {
                    changes.add(name + ": pattern " + pattern.yamlName() + " kept (edited by hand; the planner"
                            + " suggests " + n.pattern().yamlName() + ")");
                }
            } else {
                reason = n != null ? n.patternReason() : o.patternReason();
                if (o != null && o.pattern() != pattern) {
                    changes.add(name + ": pattern " + o.pattern().yamlName() + " → " + pattern.yamlName()
                            + " (the planner: " + reason + ")");
                }
            }
            if (handOwner && n != null && !n.owner().equals(owner)) {
                changes.add(name + ": owner " + owner.orElse("(none)") + " kept (edited by hand; the planner"
                        + " suggests " + n.owner().orElse("none") + ")");
            } else if (!handOwner && o != null && !o.owner().equals(owner)) {
                changes.add(name + ": owner " + o.owner().orElse("(none)") + " → " + owner.orElse("(none)")
                        + " (the planner)");
            }
            if (o == null) {
                changes.add(
                        "new wave " + name + " (" + pattern.yamlName() + "): " + String.join(", ", members.get(name)));
            }
            waves.add(new Wave(name, waves.size() + 1, pattern, reason, members.get(name), owner));
        }
        ours.stream()
                .map(Wave::name)
                .filter(name -> !members.containsKey(name))
                .forEach(name -> changes.add(name + " removed: no workloads left in it"));

        Map<String, Risk> oldRisks = file.plan().risks();
        fresh.risks().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Risk old = oldRisks.get(e.getKey());
            if (old != null && old.level() != e.getValue().level()) {
                changes.add(e.getKey() + ": risk " + old.level().yamlName() + " → "
                        + e.getValue().level().yamlName() + " ("
                        + e.getValue().reasons().get(0) + ")");
            }
        });
        Set<String> oldCodes = new HashSet<>();
        file.plan().recommendations().forEach(r -> oldCodes.add(r.code()));
        Set<String> newCodes = new HashSet<>();
        fresh.recommendations().forEach(r -> {
            newCodes.add(r.code());
            if (!oldCodes.contains(r.code())) {
                changes.add("new recommendation " + r.code() + ": " + r.title());
            }
        });
        file.plan().recommendations().stream()
                .filter(r -> !newCodes.contains(r.code()))
                .forEach(r -> changes.add("recommendation " + r.code() + " no longer applies: " + r.title()));
        Plan plan = new Plan(Plan.VERSION, waves, fresh.risks(), fresh.recommendations());
        return new Result(plan, theirs, changes);
    }

    /**
     * The order of the merged waves. If humans reordered the waves (the file's order of the waves it shares with
     * base differs from base's), the file's order is kept and new waves go after the wave that precedes them in
     * the fresh plan; otherwise the fresh plan's order is used and waves only on file go after the wave that
     * precedes them on file.
     */
    private static List<String> order(
            List<Wave> ours,
            List<Wave> base,
            List<Wave> theirs,
            boolean allHand,
            Set<String> present,
            List<String> changes) {
        List<String> ourNames = ours.stream().map(Wave::name).toList();
        List<String> baseNames = base.stream().map(Wave::name).toList();
        List<String> theirNames = theirs.stream().map(Wave::name).toList();
        boolean handOrder = allHand
                || !ourNames.stream()
                        .filter(baseNames::contains)
                        .toList()
                        .equals(baseNames.stream().filter(ourNames::contains).toList());
        List<String> primary = handOrder ? ourNames : theirNames;
        List<String> secondary = handOrder ? theirNames : ourNames;
        List<String> result =
                new ArrayList<>(primary.stream().filter(present::contains).toList());
        for (int i = 0; i < secondary.size(); i++) {
            String name = secondary.get(i);
            if (!present.contains(name) || result.contains(name)) {
                continue;
            }
            int at = 0;
            for (int j = i - 1; j >= 0; j--) {
                int k = result.indexOf(secondary.get(j));
                if (k >= 0) {
                    at = k + 1;
                    break;
                }
            }
            result.add(at, name);
        }
        present.stream().filter(n -> !result.contains(n)).forEach(result::add);
        List<String> suggested = theirNames.stream().filter(result::contains).toList();
        if (handOrder
                && !allHand
                && !result.stream().filter(theirNames::contains).toList().equals(suggested)) {
            changes.add("wave order kept (edited by hand; the planner suggests " + String.join(", ", suggested) + ")");
        }
        return result;
    }

    /**
     * Gives each fresh wave the name of the earlier wave it shares the most workloads with (ties: the earlier one),
     * one to one; the rest get {@code wave-N} above every number in use.
     */
    static List<Wave> rename(List<Wave> fresh, List<Wave> earlier, List<Wave> onFile) {
        Set<String> taken = new HashSet<>();
        Map<Wave, String> names = new HashMap<>();
        for (Wave f : fresh) {
            Wave best = null;
            int bestOverlap = 0;
            for (Wave e : earlier) {
                if (taken.contains(e.name())) {
                    continue;
                }
                int overlap = (int)
                        f.workloads().stream().filter(e.workloads()::contains).count();
                if (overlap > bestOverlap) {
                    best = e;
                    bestOverlap = overlap;
                }
            }
            if (best != null) {
                taken.add(best.name());
                names.put(f, best.name());
            }
        }
        int next = 1 + maxNumber(earlier, onFile);
        List<Wave> renamed = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>(names.values());
        earlier.forEach(w -> used.add(w.name()));
        onFile.forEach(w -> used.add(w.name()));
        for (Wave f : fresh) {
            String name = names.get(f);
            if (name == null) {
                while (used.contains("wave-" + next)) {
                    next++;
                }
                name = "wave-" + next++;
                used.add(name);
            }
            renamed.add(new Wave(name, f.order(), f.pattern(), f.patternReason(), f.workloads(), f.owner()));
        }
        return renamed;
    }

    private static int maxNumber(List<Wave> a, List<Wave> b) {
        int max = 0;
        for (List<Wave> list : List.of(a, b)) {
            for (Wave w : list) {
                Matcher m = NUMBERED.matcher(w.name());
                if (m.matches()) {
                    max = Math.max(max, Integer.parseInt(m.group(1)));
                }
            }
        }
        return max;
    }

    private static Map<String, String> membership(List<Wave> waves) {
        Map<String, String> of = new HashMap<>();
        waves.forEach(w -> w.workloads().forEach(name -> of.put(name, w.name())));
        return of;
    }

    private static Map<String, Wave> byName(List<Wave> waves) {
        Map<String, Wave> by = new LinkedHashMap<>();
        waves.forEach(w -> by.put(w.name(), w));
        return by;
    }
}
