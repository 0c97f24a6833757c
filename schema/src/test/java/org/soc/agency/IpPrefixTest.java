package org.soc.agency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class IpPrefixTest {
  @Test
  void containsTheAddressesOfItsRangeOnly() {
    IpPrefix net = IpPrefix.parse("10.1.0.0/16");
    assertThat(net.contains(IpLiterals.parse("10.1.255.7"))).isTrue();
    assertThat(net.contains(IpLiterals.parse("10.2.0.1"))).isFalse();
    IpPrefix odd = IpPrefix.parse("192.168.100.0/22");
    assertThat(odd.contains(IpLiterals.parse("192.168.103.255"))).isTrue();
    assertThat(odd.contains(IpLiterals.parse("192.168.104.0"))).isFalse();
    assertThat(odd.contains(IpLiterals.parse("192.168.99.255"))).isFalse();
    assertThat(IpPrefix.parse("0.0.0.0/0").contains(IpLiterals.parse("203.0.113.7"))).isTrue();
    assertThat(IpPrefix.parse("203.0.113.7").contains(IpLiterals.parse("203.0.113.7"))).isTrue();
    assertThat(IpPrefix.parse("203.0.113.7").contains(IpLiterals.parse("203.0.113.6"))).isFalse();
    assertThat(IpPrefix.parse("2001:db8::/33").contains(IpLiterals.parse("2001:db8:7fff::1"))).isTrue();
    assertThat(IpPrefix.parse("2001:db8::/33").contains(IpLiterals.parse("2001:db8:8000::1"))).isFalse();
  }

  @Test
  void anAddressOfTheOtherFamilyIsNeverContained() {
    assertThat(IpPrefix.parse("0.0.0.0/0").contains(IpLiterals.parse("::1"))).isFalse();
    assertThat(IpPrefix.parse("::/0").contains(IpLiterals.parse("10.0.0.1"))).isFalse();
  }

  @Test
  void agreesWithABitByBitComparisonOnRandomPrefixes() {
    Random random = new Random(3);
    for (int i = 0; i < 20_000; i++) {
      byte[] a = new byte[4];
      byte[] b = new byte[4];
      random.nextBytes(a);
      random.nextBytes(b);
      int length = random.nextInt(33);
      // Share a random number of leading bits, so both outcomes occur.
      int shared = random.nextInt(33);
      for (int bit = 0; bit < shared; bit++) {
        int mask = 0x80 >>> (bit % 8);
        b[bit / 8] = (byte) ((b[bit / 8] & ~mask) | (a[bit / 8] & mask));
      }
      boolean expected = true;
      for (int bit = 0; bit < length; bit++) {
        int mask = 0x80 >>> (bit % 8);
        expected &= (a[bit / 8] & mask) == (b[bit / 8] & mask);
      }
      assertThat(new IpPrefix(a, length).contains(b)).as("prefix %d", i).isEqualTo(expected);
    }
  }
}
