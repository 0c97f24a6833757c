package org.soc.agency;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads {@code config/agencies.yml}:
 *
 * <pre>
 * agencies:
 *   - id: health
 *     name: Ministry of Health
 *     time_zone: Europe/Paris
 *     networks: [10.10.0.0/16, 2001:db8:10::/48]
 *     tls_client_names: [syslog.health.gov.example]
 * </pre>
 */
public final class AgencyRegistryLoader {
  private final ObjectMapper yaml =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public AgencyRegistry load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return load(in, file.toString());
    } catch (IOException e) {
      throw new InvalidAgencyConfigException(file + ": " + e.getMessage(), e);
    }
  }

  public AgencyRegistry load(InputStream in, String origin) {
    AgencyFile file;
    try {
      file = yaml.readValue(in, AgencyFile.class);
    } catch (IOException e) {
      throw new InvalidAgencyConfigException(origin + ": " + e.getMessage(), e);
    }
    List<Agency> agencies = new ArrayList<>();
    if (file != null && file.agencies != null) {
      for (AgencyEntry entry : file.agencies) {
        agencies.add(toAgency(entry, origin));
      }
    }
    try {
      return new AgencyRegistry(agencies);
    } catch (IllegalArgumentException e) {
      throw new InvalidAgencyConfigException(origin + ": " + e.getMessage(), e);
    }
  }

  private static Agency toAgency(AgencyEntry e, String origin) {
    try {
      List<IpPrefix> networks = new ArrayList<>();
      for (String cidr : e.networks == null ? List.<String>of() : e.networks) {
        networks.add(IpPrefix.parse(cidr));
      }
      ZoneId zone = ZoneId.of(e.timeZone == null ? "UTC" : e.timeZone);
      return new Agency(e.id, e.name == null ? e.id : e.name, networks,
          e.tlsClientNames == null ? List.of() : e.tlsClientNames, zone);
    } catch (IllegalArgumentException | DateTimeException ex) {
      throw new InvalidAgencyConfigException(origin + ": agency " + e.id + ": " + ex.getMessage(), ex);
    }
  }

  /** YAML shape of the file. */
  static final class AgencyFile {
    public List<AgencyEntry> agencies;
  }

  static final class AgencyEntry {
    public String id;
    public String name;
    @JsonProperty("time_zone") public String timeZone;
    public List<String> networks;
    @JsonProperty("tls_client_names") public List<String> tlsClientNames;
  }
}
