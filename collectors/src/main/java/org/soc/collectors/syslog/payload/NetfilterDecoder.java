package org.soc.collectors.syslog.payload;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.soc.collectors.syslog.PayloadDecoder;
import org.soc.collectors.syslog.SyslogMessage;

/**
 * Linux netfilter {@code LOG} target lines (iptables, nftables {@code log}, UFW), usually from program
 * {@code kernel}: {@code [uptime] PREFIX IN=eth0 OUT= MAC=... SRC=a DST=b LEN=60 ... PROTO=TCP SPT=p DPT=q ...}.
 * Addresses and ports go to {@code source.*}/{@code destination.*}, {@code PROTO} to {@code network.transport},
 * {@code IN}/{@code OUT} to the observer interface labels, the log prefix to {@code rule.name}. A prefix
 * naming DROP, REJECT, BLOCK or DENY makes the event {@code denied}; ACCEPT or ALLOW {@code allowed}.
 */
public final class NetfilterDecoder implements PayloadDecoder {
  @Override
  public Optional<Decoded> decode(SyslogMessage message) {
    String text = message.message();
    if (text == null) {
      return Optional.empty();
    }
    int in = text.indexOf("IN=");
    if (in < 0 || (in > 0 && text.charAt(in - 1) != ' ') || text.indexOf(" SRC=", in) < 0
        || text.indexOf(" PROTO=", in) < 0) {
      return Optional.empty();
    }
    Map<String, String> kv = KeyValues.spaceSeparated(text.substring(in));
    String prefix = text.substring(0, in).strip();
    if (prefix.startsWith("[")) {
      int close = prefix.indexOf(']');
      String inside = close > 0 ? prefix.substring(1, close).strip() : "";
      if (!inside.isEmpty() && inside.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9')) {
        prefix = prefix.substring(close + 1).strip();
      }
    }
    Builder b = Decoded.builder().category("network").sourceIp(kv.get("SRC")).destinationIp(kv.get("DST"))
        .sourcePort(kv.get("SPT")).destinationPort(kv.get("DPT")).transport(kv.get("PROTO"))
        .label("observer.ingress.interface.name", kv.get("IN"))
        .label("observer.egress.interface.name", kv.get("OUT")).label("rule.name", prefix)
        .label("event.module", "netfilter");
    String p = prefix.toUpperCase(Locale.ROOT);
    if (p.contains("DROP") || p.contains("REJECT") || p.contains("BLOCK") || p.contains("DENY")) {
      b.type("connection", "denied").action("deny").outcome("failure");
    } else if (p.contains("ACCEPT") || p.contains("ALLOW")) {
      b.type("connection", "allowed").action("allow").outcome("success");
    } else {
      b.type("connection");
    }
    return b.build();
  }
}
