package org.soc.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgencyRegistryTest {
  private AgencyRegistry registry;

  @BeforeEach
  void load() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/agency/agencies.yml")) {
      registry = new AgencyRegistryLoader().load(in, "agencies.yml");
    }
  }

  private String agencyOf(String address) throws Exception {
    return registry.lookup(InetAddress.getByName(address)).id();
  }

  @Test
  void mostSpecificNetworkWins() throws Exception {
    assertThat(agencyOf("10.10.1.1")).isEqualTo("health");
    assertThat(agencyOf("10.10.5.9")).isEqualTo("health-lab");
  }

  @Test
  void matchesIpv6Prefixes() throws Exception {
    assertThat(agencyOf("2001:db8:10:ffff::1")).isEqualTo("health");
    assertThat(agencyOf("2001:db8:11::1")).isEqualTo("unknown");
  }

  @Test
  void ipv4MappedIpv6AddressesUseTheIpv4Table() throws Exception {
    assertThat(agencyOf("::ffff:192.0.2.77")).isEqualTo("finance");
  }

  @Test
  void unknownSendersAreTaggedUnknownAndCounted() throws Exception {
    assertThat(agencyOf("198.51.100.1")).isEqualTo("unknown");
    assertThat(agencyOf("198.51.100.2")).isEqualTo("unknown");
    assertThat(registry.unknownLookups()).isEqualTo(2);
  }

  @Test
  void tlsClientNamesAreCaseInsensitive() {
    assertThat(registry.byTlsClientName("collector.finance.gov.example")).map(Agency::id).contains("finance");
    assertThat(registry.byTlsClientName("nobody.example")).isEmpty();
  }

  @Test
  void keepsTimeZones() {
    assertThat(registry.byId("health").orElseThrow().timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
  }

  @Test
  void hostBitsInAPrefixAreIgnored() {
    assertThat(IpPrefix.parse("10.1.2.3/16")).isEqualTo(IpPrefix.parse("10.1.0.0/16"));
    assertThat(IpPrefix.parse("10.1.2.3/16").toString()).isEqualTo("10.1.0.0/16");
  }

  @Test
  void rejectsOverlappingClaimsOnTheSameNetwork() {
    String yaml = "agencies:\n  - {id: a, networks: [10.0.0.0/8]}\n  - {id: b, networks: [10.0.0.0/8]}\n";
    assertThatThrownBy(() -> load(yaml))
        .isInstanceOf(InvalidAgencyConfigException.class)
        .hasMessageContaining("10.0.0.0/8 claimed by both a and b");
  }

  @Test
  void rejectsBadCidrWithTheAgencyNamed() {
    String yaml = "agencies:\n  - {id: a, networks: [10.0.0.0/33]}\n";
    assertThatThrownBy(() -> load(yaml))
        .isInstanceOf(InvalidAgencyConfigException.class)
        .hasMessageContaining("agency a");
  }

  @Test
  void rejectsIdsThatCannotBeIndexNames() {
    String yaml = "agencies:\n  - {id: Health Ministry}\n";
    assertThatThrownBy(() -> load(yaml)).isInstanceOf(InvalidAgencyConfigException.class);
  }

  @Test
  void rejectsHostnamesWhereAddressesAreExpected() {
    assertThatThrownBy(() -> IpPrefix.parse("example.org/24")).isInstanceOf(IllegalArgumentException.class);
  }

  private static AgencyRegistry load(String yaml) {
    return new AgencyRegistryLoader()
        .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml");
  }
}
