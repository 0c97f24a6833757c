package org.soc.rules;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facts a rule can use at all, declared in its metadata ({@code correlation.match}): ECS field → accepted
 * values, every entry must hold. A scalar field matches when it equals one of the values; {@code event.category}
 * and {@code event.type} (lists) match when they contain one of them; {@code labels.<name>} reads a label.
 *
 * <p>Why: the job routes a fact only to key spaces with a rule that may use it, and keeps it only as long as the
 * longest window among those rules, so a flow is not held for a login rule's 10 minutes and a stream of
 * irrelevant events never reaches the rules. The filter must be no narrower than the DRL's own patterns; the
 * {@link DroolsRuleEngine} applies it on insert too, so every rule test that must fire proves it is not.
 *
 * @param conditions field → accepted values (any of them); empty: every fact
 */
public record FactFilter(Map<String, List<String>> conditions) implements Serializable {
  public static final FactFilter ALL = new FactFilter(Map.of());
  /** The prefix of a label condition's field: {@code labels.<name>}. */
  public static final String LABELS = "labels.";

  public FactFilter {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    List<String> known = SecurityEvent.fieldNames();
    for (Map.Entry<String, List<String>> e : conditions.entrySet()) {
      String field = e.getKey();
      if (!field.startsWith(LABELS) && !field.equals("event.type") && !known.contains(field)) {
        throw new IllegalArgumentException("match: unknown field " + field + ", known: " + known
            + ", event.type, labels.<name>");
      }
      if (e.getValue() == null || e.getValue().isEmpty() || e.getValue().stream().anyMatch(v -> v == null)) {
        throw new IllegalArgumentException("match: " + field + " needs at least one value");
      }
      copy.put(field, List.copyOf(e.getValue()));
    }
    conditions = java.util.Collections.unmodifiableMap(copy);
  }

  public boolean matchesAll() {
    return conditions.isEmpty();
  }

  public boolean test(SecurityEvent fact) {
    for (Map.Entry<String, List<String>> e : conditions.entrySet()) {
      if (!holds(e.getKey(), e.getValue(), fact)) {
        return false;
      }
    }
    return true;
  }

  private static boolean holds(String field, List<String> accepted, SecurityEvent fact) {
    switch (field) {
      case "event.category":
        return containsAny(fact.getCategories(), accepted);
      case "event.type":
        return containsAny(fact.getTypes(), accepted);
      default:
        String value = field.startsWith(LABELS) ? fact.label(field.substring(LABELS.length())) : fact.field(field);
        return value != null && accepted.contains(value);
    }
  }

  private static boolean containsAny(List<String> values, List<String> accepted) {
    for (String v : values) {
      if (accepted.contains(v)) {
        return true;
      }
    }
    return false;
  }
}
