package org.soc.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
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
 */
public final class FactFilter implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final FactFilter ALL = new FactFilter(Map.of());
  /** The prefix of a label condition's field: {@code labels.<name>}. */
  public static final String LABELS = "labels.";

  private final Map<String, List<String>> conditions;
  /** The conditions resolved once (the field to read, the values as an array): {@link #test} runs per fact. */
  private transient Condition[] compiled;

  /** One condition: which part of the fact to read and the values accepted. */
  private record Condition(int part, String name, String[] accepted) {
    static final int CATEGORIES = 0;
    static final int TYPES = 1;
    static final int LABEL = 2;
    static final int FIELD = 3;

    boolean holds(SecurityEvent fact) {
      return switch (part) {
        case CATEGORIES -> containsAny(fact.getCategories(), accepted);
        case TYPES -> containsAny(fact.getTypes(), accepted);
        case LABEL -> isOneOf(fact.label(name), accepted);
        default -> isOneOf(fact.field(name), accepted);
      };
    }
  }

  public FactFilter(Map<String, List<String>> conditions) {
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
    this.conditions = Collections.unmodifiableMap(copy);
  }

  /** Field → accepted values (any of them); empty: every fact. */
  public Map<String, List<String>> conditions() {
    return conditions;
  }

  public boolean matchesAll() {
    return conditions.isEmpty();
  }

  public boolean test(SecurityEvent fact) {
    Condition[] all = compiled;
    if (all == null) {
      all = compiled = compile(conditions); // transient: rebuilt after deserialization
    }
    for (Condition c : all) {
      if (!c.holds(fact)) {
        return false;
      }
    }
    return true;
  }

  private static Condition[] compile(Map<String, List<String>> conditions) {
    List<Condition> out = new ArrayList<>();
    conditions.forEach((field, values) -> {
      String[] accepted = values.toArray(String[]::new);
      if (field.equals("event.category")) {
        out.add(new Condition(Condition.CATEGORIES, field, accepted));
      } else if (field.equals("event.type")) {
        out.add(new Condition(Condition.TYPES, field, accepted));
      } else if (field.startsWith(LABELS)) {
        out.add(new Condition(Condition.LABEL, field.substring(LABELS.length()), accepted));
      } else {
        out.add(new Condition(Condition.FIELD, field, accepted));
      }
    });
    return out.toArray(Condition[]::new);
  }

  private static boolean isOneOf(String value, String[] accepted) {
    if (value == null) {
      return false;
    }
    for (String a : accepted) {
      if (a.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsAny(List<String> values, String[] accepted) {
    for (int i = 0, n = values.size(); i < n; i++) {
      if (isOneOf(values.get(i), accepted)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FactFilter f && conditions.equals(f.conditions);
  }

  @Override
  public int hashCode() {
    return conditions.hashCode();
  }

  @Override
  public String toString() {
    return "FactFilter" + conditions;
  }
}
