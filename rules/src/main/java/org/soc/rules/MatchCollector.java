package org.soc.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The global every rule reports its firings to ({@code global org.soc.rules.MatchCollector matches;}). It turns
 * the facts a rule accumulated into a {@link RuleMatch} using the rule's metadata (key fields, id bound). Not
 * thread-safe: one per session.
 */
public final class MatchCollector {
  private final Map<String, RuleMetadata> rules;
  private final List<RuleMatch> pending = new ArrayList<>();

  public MatchCollector(Map<String, RuleMetadata> rulesById) {
    this.rules = Map.copyOf(rulesById);
  }

  /**
   * Called from a rule's consequence.
   *
   * @param ruleId the firing rule's metadata id
   * @param trigger the event whose arrival fired the rule; supplies the correlation key
   * @param events the {@link SecurityEvent}s in the rule's window (including the trigger)
   */
  public void report(String ruleId, SecurityEvent trigger, Collection<?> events) {
    RuleMetadata meta = metadata(ruleId);
    // One entry per event id (alert facts repeat an id for each update of the alert; keep the latest).
    Map<String, SecurityEvent> distinct = new LinkedHashMap<>();
    for (Object o : events) {
      SecurityEvent e = (SecurityEvent) o;
      distinct.merge(String.valueOf(e.getEventId()), e, (a, b) -> b.getTimestamp() >= a.getTimestamp() ? b : a);
    }
    List<SecurityEvent> window = new ArrayList<>(distinct.values());
    if (window.isEmpty()) {
      window.add(trigger);
    }
    window.sort(Comparator.comparingLong(SecurityEvent::getTimestamp)
        .thenComparing(SecurityEvent::getEventId, Comparator.nullsFirst(Comparator.naturalOrder())));
    Map<String, String> keyFields = keyFields(meta, trigger);
    List<RuleMatch.EventRef> refs = window.subList(Math.max(0, window.size() - meta.maxEventIds()), window.size())
        .stream().map(e -> new RuleMatch.EventRef(e.getEventId(), e.getTimestamp())).toList();
    SortedSet<String> agencies = new TreeSet<>();
    for (SecurityEvent e : window) {
      if (e.getOrganizationId() != null) {
        agencies.add(e.getOrganizationId());
      }
    }
    Map<String, String> entities = new LinkedHashMap<>();
    for (String field : ENTITY_FIELDS) {
      String shared = shared(window, field);
      if (shared != null) {
        entities.put(field, shared);
      }
    }
    pending.add(new RuleMatch(ruleId, RuleMatch.keyOf(trigger, meta.keyFields()), keyFields, window.size(),
        window.get(0).getTimestamp(), window.get(window.size() - 1).getTimestamp(), refs, trigger.getEventId(),
        List.copyOf(agencies), entities));
  }

  /**
   * Called from a rule's consequence with the window of an {@code eventWindow} accumulate; the trigger is the
   * event added to it last. Costs O({@code max_event_ids}), whatever the window holds.
   */
  public void report(String ruleId, EventWindow window) {
    report(ruleId, window.getNewest(), window);
  }

  /**
   * Called from a rule's consequence with the window of an {@code eventWindow} accumulate and the event that made
   * the rule fire, which need not be in the window (a sequence: the window of failures, then the success); the
   * match is the window's events plus the trigger.
   */
  public void report(String ruleId, SecurityEvent trigger, EventWindow window) {
    RuleMetadata meta = metadata(ruleId);
    boolean inside = window.contains(trigger);
    List<SecurityEvent> recent = new ArrayList<>(window.recent(meta.maxEventIds()));
    long count = window.getCount();
    long first = count == 0 ? trigger.getTimestamp() : window.getFirstSeen();
    long last = count == 0 ? trigger.getTimestamp() : window.getLastSeen();
    SortedSet<String> agencies = new TreeSet<>(window.agencies());
    if (!inside) {
      int at = Collections.binarySearch(recent, trigger, EventWindow.ORDER);
      recent.add(at < 0 ? -at - 1 : at, trigger);
      if (recent.size() > meta.maxEventIds()) {
        recent.remove(0);
      }
      count++;
      first = Math.min(first, trigger.getTimestamp());
      last = Math.max(last, trigger.getTimestamp());
      if (trigger.getOrganizationId() != null) {
        agencies.add(trigger.getOrganizationId());
      }
    }
    Map<String, String> keyFields = keyFields(meta, trigger);
    List<RuleMatch.EventRef> refs = recent.stream()
        .map(e -> new RuleMatch.EventRef(e.getEventId(), e.getTimestamp())).toList();
    Map<String, String> entities = new LinkedHashMap<>();
    for (String field : ENTITY_FIELDS) {
      String shared = window.getCount() == 0 ? trigger.field(field) : window.shared(field);
      if (shared != null && (inside || shared.equals(trigger.field(field)))) {
        entities.put(field, shared);
      }
    }
    pending.add(new RuleMatch(ruleId, RuleMatch.keyOf(trigger, meta.keyFields()), keyFields, count, first, last,
        refs, trigger.getEventId(), List.copyOf(agencies), entities));
  }

  private RuleMetadata metadata(String ruleId) {
    RuleMetadata meta = rules.get(ruleId);
    if (meta == null) {
      throw new IllegalStateException("rule reported unknown id " + ruleId + ", known: " + rules.keySet());
    }
    return meta;
  }

  /** The trigger's values of the rule's key fields, in key order. */
  private static Map<String, String> keyFields(RuleMetadata meta, SecurityEvent trigger) {
    Map<String, String> keyFields = new LinkedHashMap<>();
    for (String field : meta.keyFields()) {
      keyFields.put(field, trigger.field(field));
    }
    return keyFields;
  }

  private static final List<String> ENTITY_FIELDS = List.of("source.ip", "destination.ip", "user.name");

  /** The value every event of the window has for {@code field}, or null when they differ or one lacks it. */
  private static String shared(List<SecurityEvent> window, String field) {
    String value = null;
    for (SecurityEvent e : window) {
      String v = e.field(field);
      if (v == null || (value != null && !value.equals(v))) {
        return null;
      }
      value = v;
    }
    return value;
  }

  /** The matches reported since the last call, in firing order. */
  public List<RuleMatch> drain() {
    List<RuleMatch> out = List.copyOf(pending);
    pending.clear();
    return out;
  }
}
