package org.soc.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventIdGeneratorTest {
  @Test
  void idsAreUniqueWithinAnInstance() {
    EventIdGenerator ids = new EventIdGenerator(42);
    Set<String> seen = new HashSet<>();
    Instant now = Instant.parse("2026-11-24T00:00:00Z");
    for (int i = 0; i < 100_000; i++) {
      assertThat(seen.add(ids.next(now))).isTrue();
    }
  }

  @Test
  void differentInstancesNeverCollide() {
    Instant now = Instant.parse("2026-11-24T00:00:00Z");
    assertThat(new EventIdGenerator(1).next(now)).isNotEqualTo(new EventIdGenerator(2).next(now));
  }

  @Test
  void idsSortByReceiveTime() {
    EventIdGenerator ids = new EventIdGenerator(7);
    String earlier = ids.next(Instant.parse("2026-11-24T00:00:00Z"));
    String later = ids.next(Instant.parse("2026-11-24T00:00:01Z"));
    assertThat(earlier).hasSize(32).isLessThan(later);
  }

  @Test
  void anIdSpellsTimeInstanceAndSequenceInLowercaseHex() {
    EventIdGenerator ids = new EventIdGenerator(0xABCDEF012345L);
    long millis = Instant.parse("2026-11-24T00:00:00Z").toEpochMilli(); // 0x1a20ada2c00
    ids.next(Instant.ofEpochMilli(millis));
    assertThat(ids.next(Instant.ofEpochMilli(millis))).isEqualTo("01a20ada2c00" + "abcdef012345" + "00000001");
    byte[] out = new byte[40];
    ids.next(millis, out, 5);
    assertThat(new String(out, 5, EventIdGenerator.LENGTH, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo(String.format("%012x%012x%08x", millis, 0xABCDEF012345L, 2));
  }
}
