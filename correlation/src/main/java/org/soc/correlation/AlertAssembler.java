package org.soc.correlation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.soc.rules.RuleMatch;
import org.soc.rules.RuleMetadata;
import org.soc.schema.Alert;
import org.soc.schema.Event;

/**
 * Turns rule matches into {@link Alert} documents and applies suppression; plain code, no Flink.
 *
 * <p>The alert id is derived from (rule id, correlation key, window start = event time of the first event of the
 * burst), so replays overwrite the same document. A match for a rule and key that has an open alert whose first
 * event is less than the rule's suppression window before the match's last event updates that alert — same id,
 * {@code @timestamp} (= first seen, which also fixes its monthly index) — adding the new events to
 * {@code alert.count}, moving {@code last_seen} and appending to the bounded {@code event_ids}.
 */
public final class AlertAssembler {
  public static final String STATUS_OPEN = "open";
  public static final String DATASET = "soc.correlation";

  /** Organization of alerts whose rule key has no {@code organization.id}: they span agencies. */
  public static final Event.Organization NATIONAL_ORGANIZATION =
      new Event.Organization(Alert.NATIONAL, "National SOC (cross-agency)");

  private final Map<String, RuleMetadata> rules;

  public AlertAssembler(Map<String, RuleMetadata> rulesById) {
    this.rules = Map.copyOf(rulesById);
  }

  /**
   * The alert to index for {@code match}.
   *
   * @param open the open alert of the same rule and key, or null
   * @param organizationName display name of the agency, if known
   * @return {@code open} updated when the match falls within its suppression window, otherwise a new alert
   */
  public Alert onMatch(Alert open, RuleMatch match, String organizationName) {
    RuleMetadata rule = rules.get(match.ruleId());
    if (rule == null) {
      throw new IllegalArgumentException("match of unknown rule " + match.ruleId());
    }
    if (open != null && isSuppressed(open, match, rule)) {
      return merge(open, match, rule);
    }
    return create(match, rule, organizationName);
  }

  /** Whether the open alert still absorbs firings at event time {@code eventTime}. */
  public boolean stillOpen(Alert open, long eventTime) {
    return eventTime < closesAt(open);
  }

  /** Event time from which the alert no longer absorbs firings: first seen + the rule's suppression window. */
  public long closesAt(Alert open) {
    RuleMetadata rule = rules.get(open.rule().id());
    return rule == null ? Long.MIN_VALUE : open.alert().firstSeen().toEpochMilli() + rule.suppression().toMillis();
  }

  private static boolean isSuppressed(Alert open, RuleMatch match, RuleMetadata rule) {
    return open.alert().key().equals(match.key())
        && match.lastSeen() < open.alert().firstSeen().toEpochMilli() + rule.suppression().toMillis();
  }

  private Alert create(RuleMatch match, RuleMetadata rule, String organizationName) {
    String id = alertId(rule.id(), match.key(), match.firstSeen());
    Instant first = Instant.ofEpochMilli(match.firstSeen());
    Instant last = Instant.ofEpochMilli(match.lastSeen());
    String org = match.keyFields().get("organization.id");
    List<String> agencies = org != null ? List.of(org) : match.agencies();
    Event.Organization organization = org != null ? new Event.Organization(org, organizationName)
        : rule.isNational() ? NATIONAL_ORGANIZATION : null;
    Alert.AlertInfo info = new Alert.AlertInfo(id, match.key(), match.count(), first, last, match.eventIds(),
        agencies, STATUS_OPEN);
    Alert.RuleInfo ruleInfo = new Alert.RuleInfo(rule.id(), rule.name(), rule.description(), rule.category(),
        rule.severity().label(), rule.riskScore());
    Event.EventInfo eventInfo = new Event.EventInfo(id, "alert",
        rule.category() == null ? List.of() : List.of(rule.category()), List.of("indicator"), rule.id(), null,
        rule.riskScore(), null, null, DATASET, first, last);
    String sourceIp = match.entity("source.ip");
    String destinationIp = match.entity("destination.ip");
    String user = match.entity("user.name");
    return new Alert(first, info, ruleInfo, eventInfo, organization,
        sourceIp == null ? null : Event.Endpoint.of(sourceIp, null),
        destinationIp == null ? null : Event.Endpoint.of(destinationIp, null),
        user == null ? null : new Event.UserInfo(user),
        threat(rule));
  }

  private static Alert merge(Alert open, RuleMatch match, RuleMetadata rule) {
    Alert.AlertInfo a = open.alert();
    long openLast = a.lastSeen().toEpochMilli();
    Set<String> known = new LinkedHashSet<>(a.eventIds());
    List<String> added = new ArrayList<>();
    for (RuleMatch.EventRef ref : match.events()) {
      boolean isNew = ref.timestamp() > openLast || (ref.timestamp() == openLast && !known.contains(ref.id()));
      if (isNew && !known.contains(ref.id())) {
        added.add(ref.id());
      }
    }
    long newCount = added.size();
    // The match's id list is bounded: if even its oldest listed event is new, the unlisted older ones may be too.
    if (match.count() > match.events().size() && !match.events().isEmpty()
        && match.events().get(0).timestamp() > openLast) {
      newCount += match.count() - match.events().size();
    }
    List<String> ids = new ArrayList<>(a.eventIds());
    ids.addAll(added);
    if (ids.size() > rule.maxEventIds()) {
      ids = ids.subList(ids.size() - rule.maxEventIds(), ids.size());
    }
    Instant last = Instant.ofEpochMilli(Math.max(openLast, match.lastSeen()));
    java.util.SortedSet<String> agencies = new java.util.TreeSet<>(a.agencies());
    if (rule.isNational()) {
      agencies.addAll(match.agencies());
    }
    Alert.AlertInfo info = new Alert.AlertInfo(a.id(), a.key(), a.count() + newCount, a.firstSeen(), last, ids,
        rule.isNational() ? List.copyOf(agencies) : a.agencies(), a.status());
    Event.EventInfo e = open.event();
    Event.EventInfo eventInfo = e == null ? null : new Event.EventInfo(e.id(), e.kind(), e.category(), e.type(),
        e.action(), e.outcome(), e.severity(), e.original(), e.ingested(), e.dataset(), e.start(), last);
    return new Alert(open.timestamp(), info, open.rule(), eventInfo, open.organization(), open.source(),
        open.destination(), open.user(), open.threat());
  }

  private static Alert.ThreatInfo threat(RuleMetadata rule) {
    RuleMetadata.Threat t = rule.threat();
    if (t == null || (t.techniqueId() == null && t.tacticId() == null)) {
      return null;
    }
    return new Alert.ThreatInfo(t.framework(),
        t.techniqueId() == null ? null : new Alert.Technique(List.of(t.techniqueId()), names(t.techniqueName())),
        t.tacticId() == null ? null : new Alert.Tactic(List.of(t.tacticId()), names(t.tacticName())));
  }

  private static List<String> names(String name) {
    return name == null ? List.of() : List.of(name);
  }

  /** First 32 hex digits of SHA-256 over rule id, key and window start (epoch millis), NUL-separated. */
  public static String alertId(String ruleId, String key, long windowStartMillis) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((ruleId + '\0' + key + '\0' + windowStartMillis).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
