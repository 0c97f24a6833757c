package org.soc.alerting;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import org.soc.schema.Alert;
import org.soc.schema.Event;

/**
 * The Elasticsearch index an event or alert is written to.
 *
 * <ul>
 *   <li>events: {@code soc-events-<agency>-YYYY.MM.DD} (UTC day of {@code @timestamp})
 *   <li>alerts: {@code soc-alerts-<agency>-YYYY.MM} (UTC month of {@code @timestamp}); alerts spanning agencies
 *       carry the organization id {@value Alert#NATIONAL} and land in {@code soc-alerts-national-YYYY.MM}
 *   <li>documents Elasticsearch rejected: {@value #DEAD_LETTER}
 * </ul>
 *
 * <p>The agency id is made safe for an index name (lower case; characters Elasticsearch forbids in index names
 * become {@code _}); a missing or blank id is {@value Event.Organization#UNKNOWN_ID}. Names are derived from the
 * document only (never from the wall clock), so a replay writes to the same index.
 */
public final class IndexNames {
  public static final String EVENTS_PREFIX = "soc-events-";
  public static final String ALERTS_PREFIX = "soc-alerts-";
  public static final String DEAD_LETTER = "soc-deadletter";

  /** Index patterns covered by the index templates. */
  public static final String EVENTS_PATTERN = EVENTS_PREFIX + "*";
  public static final String ALERTS_PATTERN = ALERTS_PREFIX + "*";

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC);

  private IndexNames() {}

  /** {@code soc-events-<agency>-YYYY.MM.DD} for the event's organization and {@code @timestamp}. */
  public static String events(Event event) {
    Objects.requireNonNull(event, "event");
    return events(event.organizationId(), eventTime(event));
  }

  public static String events(String agencyId, Instant timestamp) {
    return EVENTS_PREFIX + agency(agencyId) + "-" + DAY.format(requireTime(timestamp, agencyId));
  }

  /** {@code soc-alerts-<agency>-YYYY.MM}; {@code soc-alerts-national-YYYY.MM} for national alerts. */
  public static String alerts(Alert alert) {
    Objects.requireNonNull(alert, "alert");
    return alerts(alertAgency(alert), alertTime(alert));
  }

  public static String alerts(String agencyId, Instant timestamp) {
    return ALERTS_PREFIX + agency(agencyId) + "-" + MONTH.format(requireTime(timestamp, agencyId));
  }

  /**
   * The agency id as it appears in index names: lower case, {@code \ / * ? " < > | , # : space} replaced by
   * {@code _}, no leading {@code _ - +}; null or blank is {@value Event.Organization#UNKNOWN_ID}.
   */
  public static String agency(String agencyId) {
    if (agencyId == null || agencyId.isBlank()) {
      return Event.Organization.UNKNOWN_ID;
    }
    StringBuilder out = new StringBuilder(agencyId.length());
    for (char c : agencyId.strip().toLowerCase(Locale.ROOT).toCharArray()) {
      out.append(isForbidden(c) ? '_' : c);
    }
    while (out.length() > 0 && "_-+".indexOf(out.charAt(0)) >= 0) {
      out.deleteCharAt(0);
    }
    return out.length() == 0 ? Event.Organization.UNKNOWN_ID : out.toString();
  }

  private static boolean isForbidden(char c) {
    return "\\/*?\"<>|,#: ".indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isISOControl(c);
  }

  /** Organization id of the alert; without one, {@value Alert#NATIONAL} if it spans agencies, else its agency. */
  static String alertAgency(Alert alert) {
    if (alert.organization() != null && alert.organization().id() != null) {
      return alert.organization().id();
    }
    if (alert.alert() != null) {
      var agencies = alert.alert().agencies();
      if (agencies.size() > 1) {
        return Alert.NATIONAL;
      }
      if (agencies.size() == 1) {
        return agencies.get(0);
      }
    }
    return Event.Organization.UNKNOWN_ID;
  }

  /** {@code @timestamp}, else {@code event.ingested} (collectors always set one of them). */
  private static Instant eventTime(Event event) {
    if (event.timestamp() != null) {
      return event.timestamp();
    }
    return event.event() == null ? null : event.event().ingested();
  }

  /** {@code @timestamp}, else {@code alert.last_seen}. */
  private static Instant alertTime(Alert alert) {
    if (alert.timestamp() != null) {
      return alert.timestamp();
    }
    return alert.alert() == null ? null : alert.alert().lastSeen();
  }

  private static Instant requireTime(Instant timestamp, String agencyId) {
    if (timestamp == null) {
      throw new IllegalArgumentException("document of agency " + agencyId + " has no @timestamp: cannot pick a dated index");
    }
    return timestamp;
  }
}
