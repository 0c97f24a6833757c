package org.soc.schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Events for round-trip tests of every binary form (here and in the correlation job's serializers): one with
 * every component, and random ones where each component is present or not and strings are awkward.
 */
public final class SampleEvents {
  private SampleEvents() {}

  public static Event full() {
    Map<String, Map<String, String>> sd = new LinkedHashMap<>();
    Map<String, String> origin = new LinkedHashMap<>();
    origin.put("ip", "10.0.0.1");
    origin.put("software", null);
    sd.put("origin", origin);
    sd.put("meta@32473", new LinkedHashMap<>());
    return Event.builder()
        .timestamp(Instant.parse("2026-11-24T08:00:00.123456789Z"))
        .event(new Event.EventInfo("id-1", "event", List.of("network", "intrusion_detection"),
            List.of("connection", "denied"), "deny", "failure", 4, "<38>1 raw \uFEFF line", Instant.EPOCH, "syslog",
            Instant.parse("2026-11-24T07:59:00Z"), Instant.parse("2026-11-24T08:00:00Z")))
        .source(new Event.Endpoint("203.0.113.7", 4242, 100L, 2L))
        .destination(new Event.Endpoint("2001:db8::5", 443, Long.MAX_VALUE, Long.MIN_VALUE))
        .network(new Event.NetworkInfo("tcp", "6", 1_000L, 10L, "inbound"))
        .user(new Event.UserInfo("root"))
        .host(new Event.HostInfo("fw1"))
        .process(new Event.ProcessInfo("sshd", 1234L))
        .log(new Event.LogInfo(new Event.SyslogInfo(new Event.Code(4, "auth"), new Event.Code(6, "Informational"),
            38, 1, "sshd", "1234", "ID47", "fw1", sd)))
        .observer(new Event.Observer("10.10.1.2", 40514, "collector-1", "syslog"))
        .organization(new Event.Organization("health", "Ministry of Health"))
        .message("Failed password for root from 203.0.113.7 port 4242 ssh2 — 日本語 😀")
        .label("event.code", "106023")
        .label("threat.indicator.matched", "destination")
        .tag("asa")
        .tag(Event.TAG_PARSE_FAILURE)
        .error(new Event.ErrorInfo("decoder_error", "boom"))
        .soc(new Event.SocInfo("AAEC", 3, Boolean.TRUE, "syslog-tcp", Boolean.FALSE))
        .build();
  }

  /** Each component present or not, strings from a small alphabet of awkward characters (and empty). */
  public static Event random(Random r) {
    Event.EventInfo info = r.nextBoolean() ? null : new Event.EventInfo(s(r), s(r), list(r), list(r), s(r), s(r),
        r.nextBoolean() ? null : r.nextInt(), s(r), instant(r), s(r), instant(r), instant(r));
    Map<String, Map<String, String>> sd = new LinkedHashMap<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      Map<String, String> params = new LinkedHashMap<>();
      for (int j = r.nextInt(3); j > 0; j--) {
        params.put(r.nextInt(5) == 0 ? "" : "k" + r.nextInt(100), s(r));
      }
      sd.put("sd" + r.nextInt(100), params);
    }
    Event.SyslogInfo syslog = r.nextBoolean() ? null : new Event.SyslogInfo(
        r.nextBoolean() ? null : new Event.Code(r.nextBoolean() ? null : r.nextInt(24), s(r)),
        r.nextBoolean() ? null : new Event.Code(r.nextInt(8), s(r)), r.nextBoolean() ? null : r.nextInt(192),
        r.nextBoolean() ? null : 1, s(r), s(r), s(r), s(r), sd);
    var b = Event.builder()
        .timestamp(instant(r))
        .event(info)
        .source(r.nextBoolean() ? null : new Event.Endpoint(s(r), r.nextBoolean() ? null : r.nextInt(65536),
            r.nextBoolean() ? null : r.nextLong(), r.nextBoolean() ? null : r.nextLong()))
        .destination(r.nextBoolean() ? null : new Event.Endpoint(s(r), null, null, r.nextLong()))
        .network(r.nextBoolean() ? null : new Event.NetworkInfo(s(r), s(r), r.nextLong(), null, s(r)))
        .user(r.nextBoolean() ? null : new Event.UserInfo(s(r)))
        .host(r.nextBoolean() ? null : new Event.HostInfo(s(r)))
        .process(r.nextBoolean() ? null : new Event.ProcessInfo(s(r), r.nextBoolean() ? null : r.nextLong()))
        .log(r.nextBoolean() ? null : new Event.LogInfo(syslog))
        .observer(r.nextBoolean() ? null : new Event.Observer(s(r), r.nextInt(), s(r), s(r)))
        .organization(r.nextBoolean() ? null : new Event.Organization(s(r), s(r)))
        .message(s(r))
        .error(r.nextBoolean() ? null : new Event.ErrorInfo(s(r), s(r)))
        .soc(r.nextBoolean() ? null : new Event.SocInfo(s(r), r.nextBoolean() ? null : r.nextInt(),
            bool(r), s(r), bool(r)));
    for (int i = r.nextInt(4); i > 0; i--) {
      b.label("label." + i, nonNull(r));
    }
    for (int i = r.nextInt(3); i > 0; i--) {
      b.tag(nonNull(r));
    }
    return b.build();
  }

  private static final String[] PIECES = {"a", "Z", "0", " ", "\"", "\\", "\n", "\u0000", "é", "日", "😀", "\uD800",
      "\uFEFF", "PADD"};

  private static String s(Random r) {
    return r.nextInt(4) == 0 ? null : nonNull(r);
  }

  private static String nonNull(Random r) {
    StringBuilder sb = new StringBuilder();
    for (int i = r.nextInt(6); i > 0; i--) {
      sb.append(PIECES[r.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  private static List<String> list(Random r) {
    List<String> out = new ArrayList<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      out.add(nonNull(r));
    }
    return out;
  }

  private static Instant instant(Random r) {
    return r.nextInt(4) == 0 ? null : Instant.ofEpochSecond(r.nextLong() % 100_000_000_000L, r.nextInt(1_000_000_000));
  }

  private static Boolean bool(Random r) {
    return switch (r.nextInt(3)) {
      case 0 -> null;
      case 1 -> Boolean.FALSE;
      default -> Boolean.TRUE;
    };
  }

}
