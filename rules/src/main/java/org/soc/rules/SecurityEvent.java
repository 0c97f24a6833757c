package org.soc.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

/**
 * The fact rules match on: the fields of an {@link org.soc.schema.Event} that detection content needs, flattened
 * to JavaBean properties so DRL constraints read naturally ({@code outcome == "failure"}). Built by
 * {@link SecurityEventMapper}; the timestamp is event time in epoch milliseconds and is what the rules' pseudo
 * clock follows.
 *
 * <p>The Drools event declaration is shared here, once, as annotations: every DRL sees {@code SecurityEvent} as an
 * event ({@code @role(event)}) timestamped by {@link #getTimestamp()}, without a {@code declare} block of its own.
 * There is deliberately no {@code @expires}: the {@link DroolsRuleEngine} retracts events once they are older than
 * the longest window of its rule set, so retention follows the rules' metadata, not a constant in one DRL.
 *
 * <p>Two kinds of facts: events ({@code kind} {@code "event"}, from the collectors) and alerts ({@code kind}
 * {@code "alert"}, fed back for rules over alerts such as the cross-agency campaign; {@code eventId} is then the
 * alert id and {@code action} the rule id).
 *
 * <p>Mutable only because Drools and Jackson want a bean; treat instances as immutable once inserted.
 */
@Role(Role.Type.EVENT)
@Timestamp("timestamp")
public final class SecurityEvent implements Serializable {
  private static final long serialVersionUID = 1L;

  private String eventId;
  private long timestamp;
  private String organizationId;
  private String organizationName;
  private List<String> categories = List.of();
  private String action;
  private String outcome;
  private String sourceIp;
  private Integer sourcePort;
  private String destinationIp;
  private Integer destinationPort;
  private String userName;
  private String hostName;
  private String kind = KIND_EVENT;
  private List<String> types = List.of();
  private String transport;
  private Map<String, String> labels = Map.of();

  public static final String KIND_EVENT = "event";
  public static final String KIND_ALERT = "alert";

  public SecurityEvent() {}

  /** {@code event.kind}: {@value #KIND_EVENT} or {@value #KIND_ALERT}. */
  public String getKind() { return kind; }
  public void setKind(String v) { kind = v; }

  /** ECS {@code event.type}, all values (e.g. {@code connection} for flows). */
  public List<String> getTypes() { return types; }
  public void setTypes(List<String> v) { types = v == null ? List.of() : List.copyOf(v); }

  /** ECS {@code network.transport}. */
  public String getTransport() { return transport; }
  public void setTransport(String v) { transport = v; }

  /** ECS {@code labels}, including what enrichment added ({@code threat.indicator.matched}, ...). */
  public Map<String, String> getLabels() { return labels; }
  public void setLabels(Map<String, String> v) { labels = v == null ? Map.of() : Map.copyOf(v); }

  /** Drops every label not in {@code names} (the labels the loaded rules read). */
  public void retainLabels(Set<String> names) {
    if (!names.containsAll(labels.keySet())) {
      Map<String, String> kept = new HashMap<>();
      labels.forEach((k, v) -> {
        if (names.contains(k)) {
          kept.put(k, v);
        }
      });
      labels = Map.copyOf(kept);
    }
  }

  /** A label's value, or null; for DRL: {@code label("threat.indicator.matched") == "destination"}. */
  public String label(String name) { return labels.get(name); }

  public String getEventId() { return eventId; }
  public void setEventId(String v) { eventId = v; }

  /** Event time, epoch milliseconds. */
  public long getTimestamp() { return timestamp; }
  public void setTimestamp(long v) { timestamp = v; }

  public String getOrganizationId() { return organizationId; }
  public void setOrganizationId(String v) { organizationId = v; }

  public String getOrganizationName() { return organizationName; }
  public void setOrganizationName(String v) { organizationName = v; }

  /** ECS {@code event.category}, all values. */
  public List<String> getCategories() { return categories; }
  public void setCategories(List<String> v) { categories = v == null ? List.of() : List.copyOf(v); }

  /** The first {@code event.category}, or null. */
  public String getCategory() { return categories.isEmpty() ? null : categories.get(0); }

  public String getAction() { return action; }
  public void setAction(String v) { action = v; }

  public String getOutcome() { return outcome; }
  public void setOutcome(String v) { outcome = v; }

  public String getSourceIp() { return sourceIp; }
  public void setSourceIp(String v) { sourceIp = v; }

  public Integer getSourcePort() { return sourcePort; }
  public void setSourcePort(Integer v) { sourcePort = v; }

  public String getDestinationIp() { return destinationIp; }
  public void setDestinationIp(String v) { destinationIp = v; }

  public Integer getDestinationPort() { return destinationPort; }
  public void setDestinationPort(Integer v) { destinationPort = v; }

  public String getUserName() { return userName; }
  public void setUserName(String v) { userName = v; }

  public String getHostName() { return hostName; }
  public void setHostName(String v) { hostName = v; }

  /**
   * The value of a correlation key field, by its ECS name ({@code organization.id}, {@code source.ip}, ...), as
   * a string; null when the event has no value.
   *
   * @throws IllegalArgumentException for a field that is not a correlation field
   */
  public String field(String ecsName) {
    return switch (ecsName) {
      case "event.id" -> eventId;
      case "organization.id" -> organizationId;
      case "event.category" -> getCategory();
      case "event.action" -> action;
      case "event.outcome" -> outcome;
      case "source.ip" -> sourceIp;
      case "source.port" -> sourcePort == null ? null : sourcePort.toString();
      case "destination.ip" -> destinationIp;
      case "destination.port" -> destinationPort == null ? null : destinationPort.toString();
      case "user.name" -> userName;
      case "host.name" -> hostName;
      case "event.kind" -> kind;
      default -> throw new IllegalArgumentException("not a correlation field: " + ecsName);
    };
  }

  /** ECS names {@link #field(String)} accepts. */
  public static List<String> fieldNames() {
    return new ArrayList<>(List.of("event.id", "organization.id", "event.category", "event.action",
        "event.outcome", "source.ip", "source.port", "destination.ip", "destination.port", "user.name",
        "host.name", "event.kind"));
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof SecurityEvent e)) return false;
    return timestamp == e.timestamp && Objects.equals(eventId, e.eventId)
        && Objects.equals(organizationId, e.organizationId) && Objects.equals(organizationName, e.organizationName)
        && categories.equals(e.categories) && Objects.equals(action, e.action)
        && Objects.equals(outcome, e.outcome) && Objects.equals(sourceIp, e.sourceIp)
        && Objects.equals(sourcePort, e.sourcePort) && Objects.equals(destinationIp, e.destinationIp)
        && Objects.equals(destinationPort, e.destinationPort) && Objects.equals(userName, e.userName)
        && Objects.equals(hostName, e.hostName) && Objects.equals(kind, e.kind) && types.equals(e.types)
        && Objects.equals(transport, e.transport) && labels.equals(e.labels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(eventId, timestamp, organizationId, sourceIp, action, outcome);
  }

  @Override
  public String toString() {
    return "SecurityEvent{" + kind + " " + eventId + " @" + timestamp + " org=" + organizationId + " " + categories + "/"
        + action + "/" + outcome + " " + sourceIp + ":" + sourcePort + " -> " + destinationIp + ":"
        + destinationPort + " user=" + userName + " host=" + hostName + " labels=" + labels + "}";
  }
}
