package org.soc.collectors.syslog.payload;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.soc.collectors.syslog.PayloadDecoder;
import org.soc.collectors.syslog.SyslogMessage;

/**
 * FortiGate (FortiOS 6.x/7.x) {@code key=value} logs ("FortiOS Log Message Reference"):
 * {@code date=2024-03-14 time=09:30:00 devname="FGT-1" devid="FGT60F..." logid="0000000013" type="traffic"
 * subtype="forward" srcip=... srcport=... dstip=... dstport=... proto=6 action="deny" policyid=3 ...}.
 * Recognised by {@code devid=} or {@code devname=} with {@code logid=} and {@code type=}. Maps addresses, ports,
 * {@code proto}, {@code sentbyte}/{@code rcvdbyte}, {@code user}, {@code action}; {@code type=traffic} is a
 * network connection, {@code type=event subtype=system} logins ({@code logdesc="Admin login failed"}) are
 * authentication. {@code logid} is {@code event.code}; type/subtype/policy go to labels.
 */
public final class FortiGateDecoder implements PayloadDecoder {
  private static final Set<String> DENY = Set.of("deny", "block", "blocked", "dropped", "reset", "close-deny");
  private static final Set<String> ALLOW = Set.of("accept", "allow", "allowed", "pass", "passthrough", "start",
      "close", "timeout", "server-rst", "client-rst");

  @Override
  public Optional<Decoded> decode(SyslogMessage message) {
    String text = message.message();
    if (text == null || !text.contains("logid=") || !text.contains("type=")
        || !(text.contains("devid=") || text.contains("devname="))) {
      return Optional.empty();
    }
    Map<String, String> kv = KeyValues.spaceSeparated(text);
    String type = kv.getOrDefault("type", "");
    String action = kv.get("action");
    Builder b = Decoded.builder().action(action).label("event.code", kv.get("logid"))
        .label("observer.vendor", "Fortinet").label("observer.product", "FortiGate")
        .label("observer.name", kv.get("devname")).label("observer.serial_number", kv.get("devid"))
        .label("fortinet.type", type).label("fortinet.subtype", kv.get("subtype"))
        .label("rule.id", kv.get("policyid")).label("rule.name", kv.get("policyname"))
        .label("observer.ingress.interface.name", kv.get("srcintf"))
        .label("observer.egress.interface.name", kv.get("dstintf")).label("event.module", "fortinet")
        .sourceIp(kv.get("srcip")).sourcePort(kv.get("srcport")).sourceBytes(kv.get("sentbyte"))
        .sourcePackets(kv.get("sentpkt")).destinationIp(kv.get("dstip")).destinationPort(kv.get("dstport"))
        .destinationBytes(kv.get("rcvdbyte")).destinationPackets(kv.get("rcvdpkt")).transport(kv.get("proto"))
        .user(kv.containsKey("user") ? kv.get("user") : kv.get("srcuser"))
        .label("event.reason", kv.containsKey("msg") ? kv.get("msg") : kv.get("logdesc"));
    if (type.equals("traffic")) {
      b.category("network");
      if (action != null && DENY.contains(action)) {
        b.type("connection", "denied").outcome("failure");
      } else if (action != null && ALLOW.contains(action)) {
        b.type("connection", "allowed").outcome("success");
      } else {
        b.type("connection");
      }
    } else if (type.equals("utm")) {
      b.category("intrusion_detection").type("info");
      if (action != null) {
        b.outcome(DENY.contains(action) ? "failure" : "success");
      }
    } else if (kv.getOrDefault("logdesc", "").toLowerCase(java.util.Locale.ROOT).contains("login")) {
      b.category("authentication").type("start")
          .outcome("success".equals(kv.get("status")) ? "success" : "failed".equals(kv.get("status")) ? "failure" : null);
    }
    return b.build();
  }
}
