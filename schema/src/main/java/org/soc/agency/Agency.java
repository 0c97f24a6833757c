package org.soc.agency;

import java.time.ZoneId;
import java.util.List;
import org.soc.schema.Event;

/**
 * A government agency or province that forwards logs and flows to the SOC.
 *
 * @param networks CIDR ranges its syslog senders and flow exporters use
 * @param tlsClientNames names (certificate subject CN or SAN) its TLS clients present; outrank the address lookup
 * @param timeZone zone its devices log in, used for year-less and zone-less syslog timestamps
 */
public record Agency(String id, String name, List<IpPrefix> networks, List<String> tlsClientNames, ZoneId timeZone) {
  public static final Agency UNKNOWN =
      new Agency(Event.Organization.UNKNOWN_ID, Event.Organization.UNKNOWN.name(), List.of(), List.of(), ZoneId.of("UTC"));

  public Agency {
    if (id == null || !id.matches("[a-z0-9][a-z0-9_-]{0,62}")) {
      // The id becomes part of Elasticsearch index names, which must be lowercase and without separators.
      throw new IllegalArgumentException("agency id must match [a-z0-9][a-z0-9_-]{0,62}: " + id);
    }
    networks = List.copyOf(networks);
    tlsClientNames = List.copyOf(tlsClientNames);
  }

  public boolean isUnknown() {
    return Event.Organization.UNKNOWN_ID.equals(id);
  }

  public Event.Organization organization() {
    return new Event.Organization(id, name);
  }
}
