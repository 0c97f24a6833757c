package org.soc.correlation.control;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * What became of a published rule set, indexed into {@value #INDEX} ({@code _id} = {@link #id()}):
 *
 * <ul>
 *   <li>{@value #REJECTED}: it does not compile (or cannot be read); {@code messages} are the compiler's; the
 *       running rules stay. Written by the validator.
 *   <li>{@value #ACCEPTED}: it compiled; it is broadcast to every subtask. Written by the validator.
 *   <li>{@value #RECEIVED}: a subtask ({@code operator}, {@code subtask}) compiled it and will swap at the
 *       watermark {@code effective_from}.
 *   <li>{@value #ACTIVE}: that subtask now evaluates with it.
 * </ul>
 *
 * @param ruleSet the rule set's content hash ({@link org.soc.rules.RuleSet#fingerprint()}), or null if unreadable
 * @param at processing time of the transition (Flink's processing-time service)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RuleSetStatus(
    @JsonProperty("rule_set") String ruleSet,
    String version,
    String state,
    String operator,
    Integer subtask,
    List<String> rules,
    List<String> messages,
    @JsonProperty("effective_from") Instant effectiveFrom,
    @JsonProperty("@timestamp") Instant at) implements Serializable {

  public static final String INDEX = "soc-rules-status";
  public static final String REJECTED = "rejected";
  public static final String ACCEPTED = "accepted";
  public static final String RECEIVED = "received";
  public static final String ACTIVE = "active";

  public RuleSetStatus {
    rules = rules == null ? List.of() : List.copyOf(rules);
    messages = messages == null ? List.of() : List.copyOf(messages);
  }

  /** Document id: one document per rule set, state and subtask; a replay overwrites it. */
  @JsonIgnore
  public String id() {
    return (ruleSet == null ? "unreadable-" + Integer.toHexString(String.valueOf(version).hashCode()) : ruleSet)
        + ":" + state + ":" + operator + (subtask == null ? "" : ":" + subtask);
  }
}
