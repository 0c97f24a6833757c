package org.soc.collectors.syslog.payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.soc.collectors.syslog.PayloadDecoder;
import org.soc.collectors.syslog.SyslogMessage;

/**
 * Palo Alto Networks PAN-OS 10.x/11.x syslog in the default CSV format ("PAN-OS Syslog Field Descriptions"),
 * {@code TRAFFIC} and {@code THREAT} logs. Fields are taken by position; the first 30 are common to both:
 *
 * <pre>
 *  0 FUTURE_USE        1 Receive Time     2 Serial Number   3 Type              4 Subtype
 *  6 Generated Time    7 Source Address   8 Destination     9 NAT Source IP    10 NAT Destination IP
 * 11 Rule Name        12 Source User     13 Destination User 14 Application    15 Virtual System
 * 16 Source Zone      17 Destination Zone 18 Inbound If      19 Outbound If     22 Session ID
 * 24 Source Port      25 Destination Port 29 Protocol       30 Action
 * TRAFFIC: 31 Bytes 32 Bytes Sent 33 Bytes Received 34 Packets 37 Category 44 Packets Sent 45 Packets Received
 *          46 Session End Reason
 * THREAT:  31 URL/Filename 32 Threat ID ("name(id)") 33 Category 34 Severity 35 Direction
 * </pre>
 */
public final class PaloAltoDecoder implements PayloadDecoder {
  private static final int MAX_FIELDS = 128;
  private static final Set<String> DENY = Set.of("deny", "drop", "drop-icmp", "reset-client", "reset-server",
      "reset-both", "block-url", "block", "sinkhole", "drop-all-packets", "block-continue", "block-override");

  @Override
  public Optional<Decoded> decode(SyslogMessage message) {
    String text = message.message();
    if (text == null || !(text.contains(",TRAFFIC,") || text.contains(",THREAT,"))) {
      return Optional.empty();
    }
    List<String> f = csv(text);
    if (f.size() < 31 || !(f.get(3).equals("TRAFFIC") || f.get(3).equals("THREAT"))) {
      return Optional.empty();
    }
    boolean traffic = f.get(3).equals("TRAFFIC");
    String action = f.get(30);
    Builder b = Decoded.builder().action(action).sourceIp(f.get(7)).destinationIp(f.get(8))
        .sourcePort(f.get(24)).destinationPort(f.get(25)).transport(f.get(29)).user(f.get(12))
        .label("observer.vendor", "Palo Alto Networks").label("observer.product", "PAN-OS")
        .label("observer.serial_number", f.get(2)).label("panw.type", f.get(3)).label("panw.subtype", f.get(4))
        .label("rule.name", f.get(11)).label("destination.user.name", f.get(13))
        .label("network.application", f.get(14)).label("observer.ingress.zone", f.get(16))
        .label("observer.egress.zone", f.get(17)).label("observer.ingress.interface.name", f.get(18))
        .label("observer.egress.interface.name", f.get(19)).label("panw.session_id", f.get(22))
        .label("event.module", "panw");
    if (!"0.0.0.0".equals(f.get(9))) {
      b.label("source.nat.ip", f.get(9));
    }
    if (!"0.0.0.0".equals(f.get(10))) {
      b.label("destination.nat.ip", f.get(10));
    }
    if (traffic) {
      b.category("network").networkBytes(at(f, 31)).sourceBytes(at(f, 32)).destinationBytes(at(f, 33))
          .networkPackets(at(f, 34)).sourcePackets(at(f, 44)).destinationPackets(at(f, 45))
          .label("panw.url_category", at(f, 37)).label("event.reason", at(f, 46));
      String subtype = f.get(4);
      b.type("connection", subtype.equals("start") ? "start" : subtype.equals("end") ? "end" : "info");
    } else {
      String threat = at(f, 32);
      b.category(f.get(4).equals("url") ? "web" : "intrusion_detection").type("info")
          .label("panw.threat.category", at(f, 33)).label("panw.threat.severity", at(f, 34))
          .label("network.direction", at(f, 35));
      if (f.get(4).equals("url")) {
        b.label("url.original", at(f, 31));
      } else {
        b.label("file.name", at(f, 31));
      }
      if (threat != null) {
        int open = threat.lastIndexOf('(');
        if (open > 0 && threat.endsWith(")")) {
          b.label("panw.threat.name", threat.substring(0, open).strip())
              .label("panw.threat.id", threat.substring(open + 1, threat.length() - 1));
        } else {
          b.label("panw.threat.name", threat);
        }
      }
    }
    String a = action.toLowerCase(Locale.ROOT);
    if (DENY.contains(a)) {
      b.type("denied").outcome("failure");
    } else if (a.equals("allow") || a.equals("alert") || a.equals("continue")) {
      b.type("allowed").outcome("success");
    }
    return b.build();
  }

  private static String at(List<String> f, int i) {
    return i < f.size() ? f.get(i) : null;
  }

  /** RFC 4180-style split: commas outside double quotes; {@code ""} inside quotes is a quote. */
  static List<String> csv(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length() && out.size() < MAX_FIELDS; i++) {
      char ch = s.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cur.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    if (out.size() < MAX_FIELDS) {
      out.add(cur.toString());
    }
    return out;
  }
}
