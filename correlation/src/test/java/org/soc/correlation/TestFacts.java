package org.soc.correlation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.soc.rules.SecurityEvent;

/** Facts for the serializer tests: every field set, none set, awkward strings, and seeded random ones. */
final class TestFacts {
  private TestFacts() {}

  /** Every field set, the way the mapper fills a flow fact with enrichment labels. */
  static SecurityEvent full() {
    SecurityEvent e = new SecurityEvent();
    e.setEventId("01JD7Q5V8Z3M0000000000000A");
    e.setTimestamp(1_764_000_000_123L);
    e.setOrganizationId("health");
    e.setOrganizationName("Ministry of Health");
    e.setCategories(List.of("network", "intrusion_detection"));
    e.setAction("network_flow");
    e.setOutcome("success");
    e.setSourceIp("10.10.1.2");
    e.setSourcePort(40514);
    e.setDestinationIp("2001:db8::7");
    e.setDestinationPort(443);
    e.setUserName("root");
    e.setHostName("fw-01.health.example");
    e.setKind(SecurityEvent.KIND_EVENT);
    e.setTypes(List.of("connection", "start"));
    e.setTransport("tcp");
    e.setLabels(Map.of("threat.indicator.matched", "destination", "asset.criticality", "high"));
    return e;
  }

  /** Nothing set: every string null, every list and map empty, no ports, time 0, not even a kind. */
  static SecurityEvent minimal() {
    SecurityEvent e = new SecurityEvent();
    e.setKind(null);
    return e;
  }

  /** An alert fed back as a fact (the {@code alert} kind has its own tag byte). */
  static SecurityEvent alert() {
    SecurityEvent e = new SecurityEvent();
    e.setKind(SecurityEvent.KIND_ALERT);
    e.setEventId("alert-1");
    e.setTimestamp(-1L);
    e.setAction("soc-ssh-bruteforce");
    e.setOrganizationId("health");
    return e;
  }

  /** Non-ASCII text: accents, CJK, right-to-left, a combining mark, characters outside the BMP, NUL. */
  static SecurityEvent unicode() {
    SecurityEvent e = full();
    e.setKind("télémétrie");
    e.setOrganizationName("Ministère de la Santé — 保健省 — وزارة الصحة");
    e.setUserName("zoë\u0301 \uD83D\uDD12\uD83D\uDE80");
    e.setHostName("nul\u0000byte");
    e.setCategories(List.of("", "\uD834\uDD1E"));
    e.setLabels(Map.of("ключ", "значение", "", "empty key"));
    return e;
  }

  /** A label value of 100,000 two-byte characters (200,000 UTF-8 bytes), far past {@code writeUTF}'s 64 KiB. */
  static SecurityEvent huge() {
    SecurityEvent e = full();
    e.setLabels(Map.of("payload", "é".repeat(100_000), "after", "small"));
    e.setUserName("x".repeat(70_000));
    return e;
  }

  static SecurityEvent random(Random random) {
    SecurityEvent e = new SecurityEvent();
    e.setEventId(string(random));
    e.setTimestamp(random.nextLong());
    e.setOrganizationId(string(random));
    e.setOrganizationName(string(random));
    e.setCategories(list(random));
    e.setAction(string(random));
    e.setOutcome(string(random));
    e.setSourceIp(string(random));
    e.setSourcePort(port(random));
    e.setDestinationIp(string(random));
    e.setDestinationPort(port(random));
    e.setUserName(string(random));
    e.setHostName(string(random));
    e.setKind(switch (random.nextInt(4)) {
      case 0 -> null;
      case 1 -> SecurityEvent.KIND_EVENT;
      case 2 -> SecurityEvent.KIND_ALERT;
      default -> string(random);
    });
    e.setTypes(list(random));
    e.setTransport(string(random));
    Map<String, String> labels = new HashMap<>();
    for (int i = random.nextInt(5); i > 0; i--) {
      labels.put(nonNull(random), nonNull(random));
    }
    e.setLabels(labels);
    return e;
  }

  private static Integer port(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> null;
      case 1 -> random.nextInt();
      case 2 -> random.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE;
      default -> random.nextInt(65_536);
    };
  }

  private static List<String> list(Random random) {
    List<String> list = new ArrayList<>();
    for (int i = random.nextInt(5); i > 0; i--) {
      list.add(nonNull(random));
    }
    return list;
  }

  private static String string(Random random) {
    return random.nextInt(4) == 0 ? null : nonNull(random);
  }

  /** Up to 40 code points, mostly ASCII, some from anywhere in Unicode except lone surrogates. */
  private static String nonNull(Random random) {
    StringBuilder s = new StringBuilder();
    for (int i = random.nextInt(41); i > 0; i--) {
      int cp;
      if (random.nextInt(4) > 0) {
        cp = 0x20 + random.nextInt(0x5F);
      } else {
        do {
          cp = random.nextInt(Character.MAX_CODE_POINT + 1);
        } while (Character.getType(cp) == Character.SURROGATE);
      }
      s.appendCodePoint(cp);
    }
    return s.toString();
  }
}
