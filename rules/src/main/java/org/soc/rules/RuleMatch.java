package org.soc.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One firing of a rule: the events inside its window when it fired.
 *
 * @param key the correlation key values joined by {@link #KEY_SEPARATOR}, in the order of the rule's key fields
 * @param keyFields the same values by ECS field name, in key order
 * @param count events in the window (may exceed {@code events.size()})
 * @param firstSeen event time of the oldest event in the window, epoch millis
 * @param lastSeen event time of the newest event in the window, epoch millis
 * @param events the most recent events of the window, oldest first, bounded by the rule's {@code max_event_ids}
 * @param triggerEventId the event whose arrival made the rule fire
 * @param agencies the distinct {@code organization.id}s of the window's events, sorted
 * @param entities {@code source.ip}, {@code destination.ip}, {@code user.name} where every event of the window
 *     shares the value (so an alert names its entities even when they are not part of the key)
 */
public record RuleMatch(
    String ruleId,
    String key,
    Map<String, String> keyFields,
    long count,
    long firstSeen,
    long lastSeen,
    List<EventRef> events,
    String triggerEventId,
    List<String> agencies,
    Map<String, String> entities) {

  public static final String KEY_SEPARATOR = "|";

  public RuleMatch {
    keyFields = Collections.unmodifiableMap(new LinkedHashMap<>(keyFields));
    events = List.copyOf(events);
    agencies = agencies == null ? List.of() : List.copyOf(agencies);
    entities = entities == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(entities));
  }

  /** Without agencies and entities (tests, callers that only have the key). */
  public RuleMatch(String ruleId, String key, Map<String, String> keyFields, long count, long firstSeen,
      long lastSeen, List<EventRef> events, String triggerEventId) {
    this(ruleId, key, keyFields, count, firstSeen, lastSeen, events, triggerEventId, List.of(), Map.of());
  }

  /** An entity of the match: the key field's value, else the value all its events share, else null. */
  public String entity(String field) {
    String v = keyFields.get(field);
    return v != null ? v : entities.get(field);
  }

  public List<String> eventIds() {
    return events.stream().map(EventRef::id).toList();
  }

  /** An event behind a match: its id and event time (epoch millis). */
  public record EventRef(String id, long timestamp) {}

  /** The correlation key of an event for the given key fields: values joined by {@link #KEY_SEPARATOR}. */
  public static String keyOf(SecurityEvent event, List<String> keyFields) {
    StringBuilder key = new StringBuilder();
    for (String field : keyFields) {
      if (key.length() > 0) {
        key.append(KEY_SEPARATOR);
      }
      String value = event.field(field);
      key.append(value == null ? "" : value);
    }
    return key.toString();
  }
}
