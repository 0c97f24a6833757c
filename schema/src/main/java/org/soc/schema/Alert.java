package org.soc.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * An alert raised by a correlation rule, as indexed into {@code soc-alerts-<agency>-YYYY.MM}. ECS names where ECS
 * has them ({@code rule.*}, {@code threat.*}, {@code event.kind: alert}, {@code organization.*}, the entity
 * fields {@code source.ip}, {@code destination.ip}, {@code user.name}); the correlation facts (count, first and
 * last seen, the events behind it) under {@code alert.*}.
 *
 * <p>The id is deterministic (rule id, correlation key, window start), so a replay overwrites the same document.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Alert(
    @JsonProperty("@timestamp") Instant timestamp,
    AlertInfo alert,
    RuleInfo rule,
    Event.EventInfo event,
    Event.Organization organization,
    Event.Endpoint source,
    Event.Endpoint destination,
    Event.UserInfo user,
    ThreatInfo threat) {

  /** Agency id used for alerts that span agencies (national incidents). */
  public static final String NATIONAL = "national";

  @JsonIgnore
  public String id() {
    return alert.id();
  }

  /** {@code alert.*}: what the correlation found. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record AlertInfo(
      String id,
      String key,
      long count,
      @JsonProperty("first_seen") Instant firstSeen,
      @JsonProperty("last_seen") Instant lastSeen,
      @JsonProperty("event_ids") List<String> eventIds,
      List<String> agencies,
      String status) {
    public AlertInfo {
      eventIds = eventIds == null ? List.of() : List.copyOf(eventIds);
      agencies = agencies == null ? List.of() : List.copyOf(agencies);
    }
  }

  /** ECS {@code rule.*} plus our severity label and risk score. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record RuleInfo(
      String id,
      String name,
      String description,
      String category,
      String severity,
      @JsonProperty("risk_score") Integer riskScore) {}

  /** ECS {@code threat.*}: the MITRE ATT&CK technique and tactic the rule detects. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record ThreatInfo(String framework, Technique technique, Tactic tactic) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Technique(List<String> id, List<String> name) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Tactic(List<String> id, List<String> name) {}
}
