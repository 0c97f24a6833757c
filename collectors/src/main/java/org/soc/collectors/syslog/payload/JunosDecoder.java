package org.soc.collectors.syslog.payload;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.soc.collectors.syslog.PayloadDecoder;
import org.soc.collectors.syslog.SyslogMessage;

/**
 * Juniper Junos OS messages. Two shapes (Junos "System Log Explorer" and "structured-data" format):
 * <ul>
 *   <li>BSD: {@code mib2d[1620]: SNMP_TRAP_LINK_DOWN: ifIndex 589, ...}: the upper-case event tag before the
 *       first colon is {@code event.code}.
 *   <li>RFC 5424 ({@code set system syslog ... structured-data}): MSGID is the event tag and the SD element
 *       {@code junos@2636.*} carries the attributes; {@code username}, {@code source-address},
 *       {@code destination-address}, ports and {@code protocol-id} become ECS fields, and SRX
 *       {@code RT_FLOW_SESSION_CREATE/CLOSE/DENY} become network connection events.
 * </ul>
 */
public final class JunosDecoder implements PayloadDecoder {
  private static final Pattern BSD_TAG = Pattern.compile("^(?<tag>[A-Z][A-Z0-9]*_[A-Z0-9_]+): ");
  private static final String ENTERPRISE = "junos@2636";

  @Override
  public Optional<Decoded> decode(SyslogMessage message) {
    Map<String, String> sd = null;
    for (Map.Entry<String, Map<String, String>> e : message.structuredData().entrySet()) {
      if (e.getKey().startsWith(ENTERPRISE)) {
        sd = e.getValue();
        break;
      }
    }
    String tag;
    if (sd != null) {
      tag = message.msgId();
    } else {
      Matcher m = message.message() == null ? null : BSD_TAG.matcher(message.message());
      if (m == null || !m.find()) {
        return Optional.empty();
      }
      tag = m.group("tag");
    }
    Builder b = Decoded.builder().label("event.code", tag).label("observer.vendor", "Juniper")
        .label("observer.product", "Junos OS").label("event.module", "juniper");
    if (sd == null) {
      return b.build();
    }
    String user = sd.get("username");
    if (user != null && !user.equals("N/A")) {
      b.user(user);
    }
    b.sourceIp(sd.get("source-address")).sourcePort(sd.get("source-port"))
        .destinationIp(sd.get("destination-address")).destinationPort(sd.get("destination-port"))
        .transport(sd.get("protocol-id")).label("rule.name", sd.get("policy-name"))
        .label("observer.ingress.zone", sd.get("source-zone-name"))
        .label("observer.egress.zone", sd.get("destination-zone-name")).label("event.reason", sd.get("reason"))
        .sourceBytes(sd.get("bytes-from-client")).destinationBytes(sd.get("bytes-from-server"));
    if (tag != null) {
      switch (tag) {
        case "RT_FLOW_SESSION_CREATE" ->
            b.category("network").type("connection", "allowed", "start").action("allow").outcome("success");
        case "RT_FLOW_SESSION_CLOSE" ->
            b.category("network").type("connection", "end").action("close").outcome("success");
        case "RT_FLOW_SESSION_DENY" ->
            b.category("network").type("connection", "denied").action("deny").outcome("failure");
        case "SSHD_LOGIN_FAILED" ->
            b.category("authentication").type("start").action("login").outcome("failure");
        case "UI_LOGIN_EVENT", "UI_AUTH_EVENT" ->
            b.category("authentication").type("start").action("login").outcome("success");
        case "UI_COMMIT", "UI_COMMIT_COMPLETED" ->
            b.category("configuration").type("change").action("configuration-change").outcome("success");
        default -> { }
      }
    }
    return b.build();
  }
}
