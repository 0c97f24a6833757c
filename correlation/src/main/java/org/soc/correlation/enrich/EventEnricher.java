package org.soc.correlation.enrich;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.soc.agency.Agency;
import org.soc.agency.AgencyRegistry;
import org.soc.agency.IpLiterals;
import org.soc.schema.Event;

/**
 * Adds what the rules need beyond the event itself, as {@code labels} (the schema has no fields for them); plain
 * code, no Flink:
 *
 * <ul>
 *   <li>{@value #SOURCE_AGENCY} / {@value #DESTINATION_AGENCY}: the agency whose network holds the address;
 *       {@code organization.name} filled from the registry when the collector left it empty;
 *   <li>{@value #ASSET_CRITICALITY} (+ {@value #ASSET_IP}): the higher criticality of source and destination;
 *   <li>{@value #INTEL_MATCHED} ({@code destination} before {@code source}), {@value #INTEL_LIST},
 *       {@value #INTEL_IP}: an address on a threat-intelligence list.
 * </ul>
 */
public final class EventEnricher {
  public static final String SOURCE_AGENCY = "source.organization.id";
  public static final String DESTINATION_AGENCY = "destination.organization.id";
  public static final String ASSET_CRITICALITY = "asset.criticality";
  public static final String ASSET_IP = "asset.ip";
  public static final String INTEL_MATCHED = "threat.indicator.matched";
  public static final String INTEL_LIST = "threat.indicator.list";
  public static final String INTEL_IP = "threat.indicator.ip";

  private final AgencyRegistry agencies;
  private final AssetCriticality assets;

  /** @param agencies the registry, or null to skip agency enrichment */
  public EventEnricher(AgencyRegistry agencies, AssetCriticality assets) {
    this.agencies = agencies;
    this.assets = assets == null ? AssetCriticality.NONE : assets;
  }

  public Event enrich(Event event, ThreatIntel intel) {
    if (event.isParseFailure()) {
      return event;
    }
    String src = event.source() == null ? null : event.source().ip();
    String dst = event.destination() == null ? null : event.destination().ip();
    // Parsed once for the three lookups.
    byte[] srcBytes = IpLiterals.parse(src);
    byte[] dstBytes = IpLiterals.parse(dst);
    Map<String, String> labels = new HashMap<>(8);
    Event.Organization organization = event.organization();
    if (agencies != null) {
      agencyOf(srcBytes).ifPresent(a -> labels.put(SOURCE_AGENCY, a));
      agencyOf(dstBytes).ifPresent(a -> labels.put(DESTINATION_AGENCY, a));
      if (organization != null && organization.id() != null && organization.name() == null) {
        organization = agencies.byId(organization.id()).map(Agency::organization).orElse(organization);
      }
    }
    Optional<String> dstLevel = assets.lookup(dstBytes);
    Optional<String> srcLevel = assets.lookup(srcBytes);
    if (dstLevel.isPresent() && (srcLevel.isEmpty() || rank(dstLevel.get()) >= rank(srcLevel.get()))) {
      labels.put(ASSET_CRITICALITY, dstLevel.get());
      labels.put(ASSET_IP, dst);
    } else if (srcLevel.isPresent()) {
      labels.put(ASSET_CRITICALITY, srcLevel.get());
      labels.put(ASSET_IP, src);
    }
    Optional<ThreatIntel.Match> dstHit = intel.lookup(dstBytes, dst);
    Optional<ThreatIntel.Match> hit = dstHit.isPresent() ? dstHit : intel.lookup(srcBytes, src);
    if (hit.isPresent()) {
      labels.put(INTEL_MATCHED, dstHit.isPresent() ? "destination" : "source");
      labels.put(INTEL_LIST, hit.get().list());
      labels.put(INTEL_IP, dstHit.isPresent() ? dst : src);
    }
    if (labels.isEmpty() && organization == event.organization()) {
      return event;
    }
    return event.withOrganizationAndLabels(organization, labels);
  }

  private Optional<String> agencyOf(byte[] address) {
    if (address == null) {
      return Optional.empty();
    }
    Agency a = agencies.lookup(address);
    return a.isUnknown() ? Optional.empty() : Optional.of(a.id());
  }

  private static int rank(String level) {
    return AssetCriticality.LEVELS.indexOf(level);
  }
}
