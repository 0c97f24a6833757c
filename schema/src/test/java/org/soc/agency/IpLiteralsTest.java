package org.soc.agency;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralsTest {
  @Test
  void parsesDottedQuadsAndIpv6Text() throws Exception {
    assertThat(IpLiterals.parse("203.0.113.7")).containsExactly(203, 0, 113, 7);
    assertThat(IpLiterals.parse("0.0.0.0")).containsExactly(0, 0, 0, 0);
    assertThat(IpLiterals.parse("255.255.255.255")).containsExactly(255, 255, 255, 255);
    assertThat(IpLiterals.parse("2001:db8::1")).isEqualTo(InetAddress.getByName("2001:db8::1").getAddress());
    assertThat(IpLiterals.parse("::ffff:10.0.0.1")).isEqualTo(InetAddress.getByName("::ffff:10.0.0.1").getAddress());
    assertThat(IpLiterals.parseAddress("10.1.2.3")).isEqualTo(InetAddress.getByName("10.1.2.3"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10.1", "10.1.2", "1.2.3.4.5", "256.1.1.1", "1.2.3.1000", "1..2.3", ".1.2.3",
      "1.2.3.", "1.2.3.4 ", " 1.2.3.4", "cafe.be", "localhost", "abc", "2001:db8::g", "fe80::1%eth0", "1:2",
      "-1.2.3.4", "+1.2.3.4", "0001.2.3.4"})
  void rejectsWhatIsNotALiteralWithoutLookingItUp(String text) {
    assertThat(IpLiterals.parse(text)).isNull();
    assertThat(IpLiterals.parseAddress(text)).isNull();
  }

  @Test
  void nullIsNoAddress() {
    assertThat(IpLiterals.parse(null)).isNull();
  }

  @Test
  void agreesWithTheJdkOnRandomDottedQuads() throws Exception {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      String text = random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
          + random.nextInt(256);
      assertThat(IpLiterals.parse(text)).as(text).isEqualTo(InetAddress.getByName(text).getAddress());
    }
  }
}
