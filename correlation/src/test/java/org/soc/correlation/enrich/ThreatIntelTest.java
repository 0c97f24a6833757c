package org.soc.correlation.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThreatIntelTest {
  private final ThreatIntel intel = new ThreatIntel(List.of(
      new IntelUpdate("tor-exits", 1, "# exits\n198.51.100.66\n2001:db8::66 # v6 exit\n"),
      new IntelUpdate("c2-servers", 1, "203.0.113.0/27\n198.51.100.66\n")));

  @Test
  void anExactAddressMatchesWhateverItsTextualForm() {
    assertThat(intel.lookup("2001:0db8:0000::0066")).hasValueSatisfying(m -> {
      assertThat(m.list()).isEqualTo("tor-exits");
      assertThat(m.entry()).isEqualTo("2001:0db8:0000::0066");
    });
    assertThat(intel.lookup("2001:db8::67")).isEmpty();
  }

  @Test
  void anAddressInARangeMatchesTheRange() {
    assertThat(intel.lookup("203.0.113.31")).hasValue(new ThreatIntel.Match("c2-servers", "203.0.113.0/27"));
    assertThat(intel.lookup("203.0.113.32")).isEmpty();
  }

  @Test
  void onAnAddressInSeveralListsTheListFirstByNameWins() {
    assertThat(intel.lookup("198.51.100.66")).hasValue(new ThreatIntel.Match("c2-servers", "198.51.100.66"));
  }

  @Test
  void whatIsNoAddressLiteralMatchesNothing() {
    assertThat(intel.lookup((String) null)).isEmpty();
    assertThat(intel.lookup("intranet.example")).isEmpty();
    assertThat(intel.lookup("198.51.100.666")).isEmpty();
  }
}
