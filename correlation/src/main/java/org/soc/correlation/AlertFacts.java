package org.soc.correlation;

import java.util.List;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.soc.rules.SecurityEvent;
import org.soc.schema.Alert;

/**
 * Feeds alerts back as facts for rules over alerts (input {@code alerts}, e.g. the cross-agency campaign): kind
 * {@code alert}, id = alert id, time = the alert's record time (the event time it fired or was updated at),
 * organization and entities from the alert, action = rule id. National alerts are not fed back.
 */
public final class AlertFacts extends ProcessFunction<Alert, SecurityEvent> {
  private static final long serialVersionUID = 1L;

  @Override
  public void processElement(Alert alert, Context ctx, Collector<SecurityEvent> out) {
    SecurityEvent fact = toFact(alert, ctx.timestamp() != null ? ctx.timestamp()
        : alert.alert().lastSeen().toEpochMilli());
    if (fact != null) {
      out.collect(fact);
    }
  }

  /** The fact for {@code alert} at {@code timestamp}, or null for a national alert. */
  public static SecurityEvent toFact(Alert alert, long timestamp) {
    if (alert.organization() != null && Alert.NATIONAL.equals(alert.organization().id())) {
      return null;
    }
    SecurityEvent fact = new SecurityEvent();
    fact.setKind(SecurityEvent.KIND_ALERT);
    fact.setEventId(alert.id());
    fact.setTimestamp(timestamp);
    if (alert.organization() != null) {
      fact.setOrganizationId(alert.organization().id());
      fact.setOrganizationName(alert.organization().name());
    }
    fact.setAction(alert.rule() == null ? null : alert.rule().id());
    fact.setCategories(alert.rule() == null || alert.rule().category() == null ? List.of()
        : List.of(alert.rule().category()));
    fact.setSourceIp(alert.source() == null ? null : alert.source().ip());
    fact.setDestinationIp(alert.destination() == null ? null : alert.destination().ip());
    fact.setUserName(alert.user() == null ? null : alert.user().name());
    return fact;
  }
}
