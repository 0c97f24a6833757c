package org.soc.rules;

import org.soc.schema.Event;

/** Flattens a schema {@link Event} into the {@link SecurityEvent} fact. Pure and stateless. */
public final class SecurityEventMapper {
  private SecurityEventMapper() {}

  /**
   * @throws IllegalArgumentException if the event has no {@code @timestamp}: rules run on event time and an
   *     event without one cannot be placed in a window
   */
  public static SecurityEvent toFact(Event event) {
    if (event.timestamp() == null) {
      throw new IllegalArgumentException("event " + event.id() + " has no @timestamp");
    }
    SecurityEvent fact = new SecurityEvent();
    fact.setEventId(event.id());
    fact.setTimestamp(event.timestamp().toEpochMilli());
    fact.setOrganizationId(event.organizationId());
    fact.setOrganizationName(event.organization() == null ? null : event.organization().name());
    Event.EventInfo info = event.event();
    if (info != null) {
      fact.setCategories(info.category());
      fact.setAction(info.action());
      fact.setOutcome(info.outcome());
      fact.setTypes(info.type());
    }
    if (event.source() != null) {
      fact.setSourceIp(event.source().ip());
      fact.setSourcePort(event.source().port());
    }
    if (event.destination() != null) {
      fact.setDestinationIp(event.destination().ip());
      fact.setDestinationPort(event.destination().port());
    }
    fact.setUserName(event.user() == null ? null : event.user().name());
    fact.setHostName(event.host() == null ? null : event.host().name());
    fact.setTransport(event.network() == null ? null : event.network().transport());
    fact.setLabels(event.labels());
    return fact;
  }
}
