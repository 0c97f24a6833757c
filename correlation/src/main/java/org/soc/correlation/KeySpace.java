package org.soc.correlation;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.soc.rules.FactFilter;
import org.soc.rules.RuleDefinition;
import org.soc.rules.RuleMatch;
import org.soc.rules.SecurityEvent;

/**
 * A key space: what the facts are (events or alerts) and the fields they are partitioned by, e.g.
 * {@code events:organization.id,source.ip} or {@code alerts:source.ip}; {@code events:} (no fields) is the global
 * key space. Each rule belongs to the key space of its metadata's input and key.
 */
public record KeySpace(String input, List<String> fields) implements Serializable {
  /** Separates the key space id from the key in a routing key. */
  public static final char SEPARATOR = '\u001f';

  public KeySpace {
    fields = List.copyOf(fields);
  }

  public static KeySpace of(RuleDefinition rule) {
    return new KeySpace(rule.metadata().input(), rule.metadata().keyFields());
  }

  public String id() {
    return input + ":" + String.join(",", fields);
  }

  /** The fact's key in this space ({@link RuleMatch#keyOf}), or null when a key field has no value. */
  public String keyOf(SecurityEvent fact) {
    for (String f : fields) {
      if (fact.field(f) == null) {
        return null;
      }
    }
    return RuleMatch.keyOf(fact, fields);
  }

  /** The key space id of a routing key ({@code <space id> US <key>}). */
  public static String spaceOf(String routingKey) {
    return routingKey.substring(0, routingKey.indexOf(SEPARATOR));
  }

  /** The key part of a routing key. */
  public static String keyOf(String routingKey) {
    return routingKey.substring(routingKey.indexOf(SEPARATOR) + 1);
  }

  /** The rules by key space id, for the rules reading {@code input}. */
  public static Map<String, List<RuleDefinition>> group(List<RuleDefinition> rules, String input) {
    Map<String, List<RuleDefinition>> out = new LinkedHashMap<>();
    for (RuleDefinition r : rules) {
      KeySpace s = of(r);
      if (s.input().equals(input)) {
        out.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(r);
      }
    }
    return out;
  }

  /** The distinct key spaces of {@code rules} reading {@code input}. */
  public static Set<KeySpace> spaces(List<RuleDefinition> rules, String input) {
    Set<KeySpace> out = new LinkedHashSet<>();
    for (RuleDefinition r : rules) {
      KeySpace s = of(r);
      if (s.input().equals(input)) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * The key spaces of {@code rules} reading {@code input}, each with the {@link FactFilter}s of its rules: a fact
   * goes to a space only when one of them accepts it.
   */
  public static Map<KeySpace, List<FactFilter>> routes(List<RuleDefinition> rules, String input) {
    Map<KeySpace, List<FactFilter>> out = new LinkedHashMap<>();
    for (RuleDefinition r : rules) {
      KeySpace s = of(r);
      if (s.input().equals(input)) {
        out.computeIfAbsent(s, k -> new ArrayList<>()).add(r.metadata().match());
      }
    }
    return out;
  }

  /** Whether one of {@code filters} accepts {@code fact}. */
  public static boolean accepts(List<FactFilter> filters, SecurityEvent fact) {
    for (FactFilter f : filters) {
      if (f.test(fact)) {
        return true;
      }
    }
    return false;
  }
}
