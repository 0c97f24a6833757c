package org.soc.collectors.syslog.payload;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.soc.collectors.syslog.CiscoMnemonic;
import org.soc.collectors.syslog.PayloadDecoder;
import org.soc.collectors.syslog.SyslogMessage;

/**
 * Cisco ASA and FTD messages ({@code %ASA-n-nnnnnn:}, {@code %FTD-n-nnnnnn:}) as documented in "Cisco Secure
 * Firewall ASA Series Syslog Messages", table-driven by message number. Every one gets {@code event.code}
 * (the number) and the Cisco labels; these also get the connection fields:
 *
 * <ul>
 *   <li>106001, 106006, 106007, 106015, 106023 (denied by ACL or state): source, destination, transport,
 *       ingress interface, ACL name in {@code rule.name}; {@code event.type=[connection, denied]}.
 *   <li>302013/302015 (built TCP/UDP): {@code outbound} means the {@code to} side started it, so source and
 *       destination follow the direction; {@code event.type=[connection, start]}.
 *   <li>302014/302016 (teardown): the message has no direction; source is the {@code for} side and
 *       destination the {@code to} side as printed (for outbound connections that is the responder first).
 *       Bytes, duration and reason; {@code event.type=[connection, end]}.
 *   <li>605004/605005 (management login failed / permitted): user and source address.
 * </ul>
 */
public final class CiscoAsaDecoder implements PayloadDecoder {
  private static final String ENDPOINT = "(?<%1$sif>[^\\s:]+):(?<%1$sip>[0-9A-Fa-f:.]+?)(?:/(?<%1$sport>\\d+))?(?=[\\s(]|$)";
  private static final Pattern DENY_106023 = Pattern.compile("^Deny (?<proto>\\S+) src " + ep("s") + " dst "
      + ep("d") + "(?: \\(type \\d+, code \\d+\\))?(?: by access-group \"(?<acl>[^\"]*)\")?");
  private static final Pattern DENY_106001 = Pattern.compile("^Inbound (?<proto>\\S+) connection denied from "
      + "(?<sip>[0-9A-Fa-f:.]+?)/(?<sport>\\d+) to (?<dip>[0-9A-Fa-f:.]+?)/(?<dport>\\d+)(?: flags .*?)? on interface (?<sif>\\S+)");
  private static final Pattern DENY_106006 = Pattern.compile("^Deny (?:inbound |outbound )?(?<proto>\\S+)"
      + "(?: \\(no connection\\))? from (?<sip>[0-9A-Fa-f:.]+?)/(?<sport>\\d+) to (?<dip>[0-9A-Fa-f:.]+?)/(?<dport>\\d+)"
      + ".*? on interface (?<sif>\\S+)");
  private static final Pattern BUILT = Pattern.compile("^Built (?<dir>inbound|outbound) (?<proto>\\S+) connection "
      + "(?<id>\\d+) for " + ep("f") + "(?: \\([^)]*\\))? to " + ep("t"));
  private static final Pattern TEARDOWN = Pattern.compile("^Teardown (?<proto>\\S+) connection (?<id>\\d+) for "
      + ep("f") + " to " + ep("t") + "(?: duration (?<duration>\\d{1,9}:\\d\\d:\\d\\d))?(?: bytes (?<bytes>\\d+))?"
      + "(?: (?<reason>[^(]*[^(\\s]))?");
  private static final Pattern LOGIN = Pattern.compile("^Login (?<result>permitted|denied) from "
      + "(?<ip>[0-9A-Fa-f:.]+?)/(?<port>\\d+) to (?<if>[^:\\s]+):(?<dip>[0-9A-Fa-f:.]+?)/(?<service>\\S+) for user \"(?<user>[^\"]*)\"");

  private static String ep(String prefix) {
    return String.format(ENDPOINT, prefix);
  }

  @Override
  public Optional<Decoded> decode(SyslogMessage message) {
    String text = message.message();
    CiscoMnemonic m = text == null ? null : CiscoMnemonic.parse(text, 0);
    if (m == null || !(m.facility().equals("ASA") || m.facility().equals("FTD"))) {
      return Optional.empty();
    }
    Builder b = CiscoIosDecoder.header(m).label("event.code", m.mnemonic())
        .label("observer.product", m.facility().equals("ASA") ? "ASA" : "FTD").label("event.module", "cisco_asa");
    String rest = text.substring(m.end()).strip();
    Matcher x;
    switch (m.mnemonic()) {
      case "106023" -> {
        if ((x = DENY_106023.matcher(rest)).find()) {
          deny(b, x, "s", "d").label("observer.egress.interface.name", x.group("dif"))
              .label("rule.name", x.group("acl"));
        }
      }
      case "106001" -> {
        if ((x = DENY_106001.matcher(rest)).find()) {
          deny(b, x, "s", "d");
        }
      }
      case "106006", "106007", "106015" -> {
        if ((x = DENY_106006.matcher(rest)).find()) {
          deny(b, x, "s", "d");
        }
      }
      case "302013", "302015" -> {
        if ((x = BUILT.matcher(rest)).find()) {
          boolean outbound = x.group("dir").equals("outbound");
          endpoints(b, x, outbound ? "t" : "f", outbound ? "f" : "t");
          b.category("network").type("connection", "start").action("connection-built").outcome("success")
              .direction(outbound ? "outbound" : "inbound").transport(x.group("proto"))
              .label("cisco.asa.connection_id", x.group("id"));
        }
      }
      case "302014", "302016" -> {
        if ((x = TEARDOWN.matcher(rest)).find()) {
          endpoints(b, x, "f", "t");
          b.category("network").type("connection", "end").action("connection-teardown").outcome("success")
              .transport(x.group("proto")).networkBytes(x.group("bytes"))
              .label("cisco.asa.connection_id", x.group("id")).label("event.reason", x.group("reason"))
              .label("event.duration", nanos(x.group("duration")));
        }
      }
      case "605004", "605005" -> {
        if ((x = LOGIN.matcher(rest)).find()) {
          b.category("authentication").type("start").action("login")
              .outcome(x.group("result").equals("permitted") ? "success" : "failure")
              .user(x.group("user")).sourceIp(x.group("ip")).sourcePort(x.group("port"))
              .destinationIp(x.group("dip")).label("network.protocol", x.group("service").toLowerCase(Locale.ROOT));
        }
      }
      default -> { }
    }
    return b.build();
  }

  private static Builder deny(Builder b, Matcher x, String s, String d) {
    endpoints(b, x, s, d);
    return b.category("network").type("connection", "denied").action("deny").outcome("failure")
        .transport(x.group("proto"));
  }

  private static void endpoints(Builder b, Matcher x, String s, String d) {
    b.sourceIp(x.group(s + "ip")).sourcePort(x.group(s + "port"))
        .destinationIp(x.group(d + "ip")).destinationPort(x.group(d + "port"))
        .label("observer.ingress.interface.name", x.group(s + "if"));
  }

  /** {@code h:mm:ss} as ECS {@code event.duration} nanoseconds. */
  private static String nanos(String hms) {
    if (hms == null) {
      return null;
    }
    String[] p = hms.split(":");
    long seconds = Long.parseLong(p[0]) * 3600 + Long.parseLong(p[1]) * 60 + Long.parseLong(p[2]);
    return Long.toString(seconds * 1_000_000_000L);
  }

}
