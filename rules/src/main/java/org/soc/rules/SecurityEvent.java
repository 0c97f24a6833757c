package org.soc.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The fact rules match on: the fields of an {@link org.soc.schema.Event} that detection content needs, flattened
 * to JavaBean properties so DRL constraints read naturally ({@code outcome == "failure"}). Built by
 * {@link SecurityEventMapper}; the timestamp is event time in epoch milliseconds and is what the rules' pseudo
 * clock follows.
 *
 * <p>Mutable only because Drools and Jackson want a bean; treat instances as immutable once inserted.
 */
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

  public SecurityEvent() {}

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
      default -> throw new IllegalArgumentException("not a correlation field: " + ecsName);
    };
  }

  /** ECS names {@link #field(String)} accepts. */
  public static List<String> fieldNames() {
    return new ArrayList<>(List.of("event.id", "organization.id", "event.category", "event.action",
        "event.outcome", "source.ip", "source.port", "destination.ip", "destination.port", "user.name",
        "host.name"));
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
        && Objects.equals(hostName, e.hostName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(eventId, timestamp, organizationId, sourceIp, action, outcome);
  }

  @Override
  public String toString() {
    return "SecurityEvent{" + eventId + " @" + timestamp + " org=" + organizationId + " " + categories + "/"
        + action + "/" + outcome + " " + sourceIp + ":" + sourcePort + " -> " + destinationIp + ":"
        + destinationPort + " user=" + userName + " host=" + hostName + "}";
  }
}
