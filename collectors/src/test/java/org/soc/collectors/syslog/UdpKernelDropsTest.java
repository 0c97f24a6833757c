package org.soc.collectors.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UdpKernelDropsTest {
  // Shape of /proc/net/udp: two sockets of an SO_REUSEPORT group on port 5514 (0x158A), another on 53.
  private static final List<String> TABLE = List.of(
      "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
      "  101: 00000000:158A 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 81234 2 0000000000000000 17",
      "  102: 00000000:158A 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 81235 2 0000000000000000 3",
      "  103: 0100007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 81236 2 0000000000000000 99");

  @Test
  void sumsTheDropsColumnOfEverySocketOnThePort() {
    assertThat(UdpKernelDrops.forPort(TABLE, 5514)).isEqualTo(20);
    assertThat(UdpKernelDrops.forPort(TABLE, 53)).isEqualTo(99);
    assertThat(UdpKernelDrops.forPort(TABLE, 514)).isZero();
  }

  @Test
  void readsTheRealTableOfThisHost() {
    assertThat(UdpKernelDrops.forPort(1)).isGreaterThanOrEqualTo(0);
  }
}
