package org.soc.collectors.syslog.payload;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.soc.collectors.syslog.PayloadDecoder;
import org.soc.collectors.syslog.SyslogMessage;

/**
 * IBM QRadar Log Event Extended Format ("LEEF Event Components", 1.0 and 2.0):
 * {@code LEEF:1.0|Vendor|Product|Version|EventID|key=value<TAB>key=value} and
 * {@code LEEF:2.0|Vendor|Product|Version|EventID|DelimiterCharacter|key=value^key=value}, the 2.0 delimiter
 * being one character or its hex code ({@code x5E}, {@code 0x5E}); without it, tab. Predefined keys mapped:
 * {@code src}, {@code dst}, {@code srcPort}, {@code dstPort}, {@code usrName}, {@code proto}, {@code sev}
 * (1-10), {@code srcBytes}, {@code dstBytes}, {@code action}; the rest kept as {@code leef.<key>} labels.
 */
public final class LeefDecoder implements PayloadDecoder {
  private static final int MAX_PREFIX = 128;

  @Override
  public Optional<Decoded> decode(SyslogMessage message) {
    String text = message.message();
    int start = text == null ? -1 : text.indexOf("LEEF:");
    if (start < 0 || start > MAX_PREFIX || (start > 0 && text.charAt(start - 1) != ' ')) {
      return Optional.empty();
    }
    String[] h = text.substring(start + 5).split("\\|", 7);
    if (h.length < 6) {
      return Optional.empty();
    }
    String version = h[0];
    String ext;
    char delimiter = '\t';
    if (version.startsWith("2") && h.length == 7 && delimiter(h[5]) != 0) {
      delimiter = delimiter(h[5]);
      ext = h[6];
    } else {
      ext = h.length == 7 ? h[5] + "|" + h[6] : h[5];
    }
    Map<String, String> kv = new LinkedHashMap<>();
    for (String pair : ext.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), KeyValues.MAX_PAIRS)) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        kv.putIfAbsent(pair.substring(0, eq).strip(), pair.substring(eq + 1));
      }
    }
    Builder b = Decoded.builder().label("leef.version", version).label("observer.vendor", h[1])
        .label("observer.product", h[2]).label("observer.version", h[3]).label("event.code", h[4])
        .label("event.module", "leef");
    b.sourceIp(kv.remove("src")).destinationIp(kv.remove("dst")).sourcePort(kv.remove("srcPort"))
        .destinationPort(kv.remove("dstPort")).user(kv.remove("usrName")).transport(kv.remove("proto"))
        .sourceBytes(kv.remove("srcBytes")).destinationBytes(kv.remove("dstBytes")).action(kv.remove("action"));
    Long sev = Values.count(kv.remove("sev"));
    b.severity(sev != null && sev <= 10 ? sev.intValue() : null);
    kv.forEach((k, v) -> b.label("leef." + k, v));
    return b.build();
  }

  /** A LEEF 2.0 delimiter field: one character, or {@code xHH} / {@code 0xHH}; 0 when it is neither. */
  static char delimiter(String s) {
    if (s.length() == 1) {
      return s.charAt(0);
    }
    String hex = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2)
        : s.startsWith("x") || s.startsWith("X") ? s.substring(1) : null;
    if (hex == null || hex.isEmpty() || hex.length() > 4) {
      return 0;
    }
    try {
      return (char) Integer.parseInt(hex, 16);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
