package org.soc.correlation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.soc.correlation.control.RuleSetUpdate;
import org.soc.rules.FactFilter;
import org.soc.rules.RuleDefinition;
import org.soc.rules.SecurityEvent;

/**
 * Where the facts of one input go: every key space some loaded rule needs, when one of the space's rules can use
 * the fact ({@link org.soc.rules.RuleMetadata#match}) and the fact has a complete key there. The rule sets live in
 * broadcast state ({@link RuleEvaluator#RULE_SETS}); while a new set is on its way to the evaluators (they swap at
 * a watermark), facts go to the key spaces of both the previous and the latest set, so neither misses input.
 * Not thread-safe; one per subtask.
 */
final class KeySpaceRoutes {
  private final String input;
  private final List<RuleDefinition> initialRules;
  private List<Route> spaces;
  /** The labels some rule of the spaces reads ({@link RuleDefinition#labelsRead}); null: all of them. */
  private Set<String> labelsRead;

  KeySpaceRoutes(String input, List<RuleDefinition> initialRules) {
    this.input = input;
    this.initialRules = List.copyOf(initialRules);
  }

  /**
   * Emits one {@link RoutedFact} per key space of {@code fact}, having dropped the labels no rule reads (the fact
   * is the caller's own); false when it has none. A rule set published later sees, in facts routed before it
   * arrived, only the labels the earlier rules read, as it sees only the facts those rules kept.
   */
  boolean route(SecurityEvent fact, ReadOnlyBroadcastState<String, RuleSetUpdate> ruleSets,
      Consumer<RoutedFact> out) throws Exception {
    if (spaces == null) {
      spaces = spaces(ruleSets);
    }
    boolean routed = false;
    boolean trimmed = false;
    for (Route route : spaces) {
      if (!KeySpace.accepts(route.filters(), fact)) {
        continue;
      }
      String key = route.space().keyOf(fact);
      if (key != null) {
        if (!trimmed && labelsRead != null) {
          fact.retainLabels(labelsRead);
          trimmed = true;
        }
        out.accept(new RoutedFact(route.id(), key, fact));
        routed = true;
      }
    }
    return routed;
  }

  /** Records {@code update} as the latest set (the latest so far becomes the previous one). */
  void update(BroadcastState<String, RuleSetUpdate> ruleSets, RuleSetUpdate update) throws Exception {
    RuleSetUpdate latest = ruleSets.get(RuleEvaluator.LATEST);
    if (latest != null) {
      ruleSets.put(RuleEvaluator.PREVIOUS, latest);
    }
    ruleSets.put(RuleEvaluator.LATEST, update);
    spaces = spaces(ruleSets);
  }

  /** The ids of the key spaces facts now go to. */
  List<String> spaceIds() {
    return spaces == null ? List.of() : spaces.stream().map(Route::id).toList();
  }

  /** A key space with its id (built once, not per fact) and the filters of its rules. */
  private record Route(KeySpace space, String id, List<FactFilter> filters) {}

  private List<Route> spaces(ReadOnlyBroadcastState<String, RuleSetUpdate> state)
      throws Exception {
    RuleSetUpdate previous = state.get(RuleEvaluator.PREVIOUS);
    RuleSetUpdate latest = state.get(RuleEvaluator.LATEST);
    List<RuleDefinition> rules = new ArrayList<>(previous != null ? definitions(previous)
        : latest != null ? initialRules : List.of());
    rules.addAll(latest != null ? definitions(latest) : initialRules);
    labelsRead = labelsRead(rules);
    List<Route> routes = new ArrayList<>();
    KeySpace.routes(rules, input).forEach((space, filters) -> routes.add(new Route(space, space.id(), filters)));
    return routes;
  }

  private Set<String> labelsRead(List<RuleDefinition> rules) {
    Set<String> names = new HashSet<>();
    for (RuleDefinition rule : rules) {
      if (KeySpace.of(rule).input().equals(input)) {
        Set<String> read = rule.labelsRead();
        if (read == null) {
          return null;
        }
        names.addAll(read);
      }
    }
    return Set.copyOf(names);
  }

  private static List<RuleDefinition> definitions(RuleSetUpdate update) {
    try {
      return update.definitions();
    } catch (RuntimeException e) {
      return List.of(); // validated upstream; cannot happen for a broadcast set
    }
  }
}
