package org.soc.rules;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a rule means and how its matches are correlated and suppressed; read from the YAML file next to its DRL
 * (see {@link RuleMetadataLoader} for the layout).
 *
 * @param id rule id, also the DRL rule name and {@code rule.id} of its alerts
 * @param keyFields ECS fields (as understood by {@link SecurityEvent#field(String)}) that make the correlation
 *     key; the job partitions facts by them, so every fact a firing joins shares these values. Empty: one global
 *     key space (a national view; all facts meet in one partition). A key without {@code organization.id}
 *     raises national alerts (organization {@code national}, {@code alert.agencies} listing the agencies)
 * @param window the longest time window the DRL looks back over; events are kept this long for the rule
 * @param threshold how many events the rule needs (documentation and tests; the DRL states it too)
 * @param suppression repeated firings for the same key within this time from the alert's first event update that
 *     alert instead of opening a new one
 * @param maxEventIds bound on {@code alert.event_ids}
 * @param input what the rule reads: {@value #INPUT_EVENTS} (the collectors' events, enriched) or
 *     {@value #INPUT_ALERTS} (the alerts of the event rules, fed back; kind {@code alert})
 * @param match the facts the rule can use ({@link FactFilter}); only those are routed to it and kept for its window
 * @param minFacts the fewest facts of one correlation key, inside the window, the rule can fire on ({@code
 *     min_facts}, at most {@code threshold}): until a key holds that many, the job keeps its facts outside the
 *     engine, so the many keys seen once or twice cost no rule work. 1 (the default) for rules that can fire on
 *     one fact or on time passing (an absence), whose facts must be in the engine at once
 */
public record RuleMetadata(
    String id,
    String name,
    String description,
    Severity severity,
    int riskScore,
    String category,
    Threat threat,
    List<String> keyFields,
    Duration window,
    int threshold,
    Duration suppression,
    int maxEventIds,
    String input,
    FactFilter match,
    int minFacts) implements Serializable {

  public static final int DEFAULT_MAX_EVENT_IDS = 100;
  public static final String INPUT_EVENTS = "events";
  public static final String INPUT_ALERTS = "alerts";

  /** A rule over events. */
  public RuleMetadata(String id, String name, String description, Severity severity, int riskScore, String category,
      Threat threat, List<String> keyFields, Duration window, int threshold, Duration suppression, int maxEventIds) {
    this(id, name, description, severity, riskScore, category, threat, keyFields, window, threshold, suppression,
        maxEventIds, INPUT_EVENTS, FactFilter.ALL, 1);
  }

  /** A rule that may use every fact of its input. */
  public RuleMetadata(String id, String name, String description, Severity severity, int riskScore, String category,
      Threat threat, List<String> keyFields, Duration window, int threshold, Duration suppression, int maxEventIds,
      String input) {
    this(id, name, description, severity, riskScore, category, threat, keyFields, window, threshold, suppression,
        maxEventIds, input, FactFilter.ALL, 1);
  }

  public RuleMetadata {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(suppression, "suppression");
    keyFields = List.copyOf(keyFields);
    input = input == null ? INPUT_EVENTS : input;
    match = match == null ? FactFilter.ALL : match;
    if (!input.equals(INPUT_EVENTS) && !input.equals(INPUT_ALERTS)) {
      throw new IllegalArgumentException(id + ": input must be events or alerts: " + input);
    }
    List<String> known = SecurityEvent.fieldNames();
    for (String field : keyFields) {
      if (!known.contains(field)) {
        throw new IllegalArgumentException(id + ": unknown correlation key field " + field + ", known: " + known);
      }
    }
    if (riskScore < 0 || riskScore > 100) {
      throw new IllegalArgumentException(id + ": risk_score must be within 0..100: " + riskScore);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException(id + ": window must be positive");
    }
    if (suppression.compareTo(window) < 0) {
      throw new IllegalArgumentException(id + ": suppression " + suppression + " shorter than window " + window);
    }
    if (threshold < 1) {
      throw new IllegalArgumentException(id + ": threshold must be at least 1");
    }
    if (minFacts < 1 || minFacts > threshold) {
      throw new IllegalArgumentException(id + ": min_facts must be within 1..threshold (" + threshold + "): "
          + minFacts);
    }
    if (maxEventIds < 1) {
      throw new IllegalArgumentException(id + ": max_event_ids must be at least 1");
    }
  }

  /** Whether alerts of this rule span agencies: its key does not include {@code organization.id}. */
  public boolean isNational() {
    return !keyFields.contains("organization.id");
  }

  /** MITRE ATT&amp;CK technique and tactic, as in {@code threat.*}. */
  public record Threat(String framework, String techniqueId, String techniqueName, String tacticId,
      String tacticName) implements Serializable {}
}
