package org.soc.collectors.syslog.payload;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.soc.collectors.syslog.CiscoMnemonic;
import org.soc.collectors.syslog.PayloadDecoder;
import org.soc.collectors.syslog.SyslogMessage;

/**
 * Any Cisco message that starts with {@code %FAC-SEV-MNEMONIC:} (IOS, IOS-XE, NX-OS): {@code event.code}
 * ({@code SYS-5-CONFIG_I}) and {@code cisco.facility}, {@code cisco.severity}, {@code cisco.mnemonic} labels,
 * plus the fields of the messages a SOC acts on: {@code SYS-5-CONFIG_I} (configuration change, by whom, from
 * where) and {@code SEC_LOGIN-5-LOGIN_SUCCESS} / {@code SEC_LOGIN-4-LOGIN_FAILED}. Runs after
 * {@link CiscoAsaDecoder}, which handles {@code %ASA-} and {@code %FTD-}.
 */
public final class CiscoIosDecoder implements PayloadDecoder {
  private static final Pattern CONFIG = Pattern.compile(
      "^Configured from (?<from>\\S+) by (?:(?<user>\\S+) on )?(?<line>\\S+?)(?: \\((?<ip>[0-9A-Fa-f:.]+)\\))?$");
  private static final Pattern LOGIN = Pattern.compile(
      "\\[user: (?<user>[^\\]]*)\\] \\[Source: (?<ip>[^\\]]*)\\] \\[localport: (?<port>\\d+)\\]"
          + "(?: \\[Reason: (?<reason>[^\\]]*)\\])?");

  @Override
  public Optional<Decoded> decode(SyslogMessage message) {
    String text = message.message();
    CiscoMnemonic m = text == null ? null : CiscoMnemonic.parse(text, 0);
    if (m == null) {
      return Optional.empty();
    }
    Builder b = header(m);
    String rest = text.substring(m.end()).strip();
    switch (m.facility() + "-" + m.mnemonic()) {
      case "SYS-CONFIG_I" -> {
        Matcher c = CONFIG.matcher(rest);
        b.category("configuration").type("change").action("configuration-change").outcome("success");
        if (c.find()) {
          b.user(c.group("user")).sourceIp(c.group("ip")).label("cisco.line", c.group("line"));
        }
      }
      case "SEC_LOGIN-LOGIN_SUCCESS", "SEC_LOGIN-LOGIN_FAILED" -> {
        Matcher l = LOGIN.matcher(rest);
        b.category("authentication").type("start").action("login")
            .outcome(m.mnemonic().equals("LOGIN_SUCCESS") ? "success" : "failure");
        if (l.find()) {
          b.user(l.group("user")).sourceIp(l.group("ip")).destinationPort(l.group("port"))
              .label("event.reason", l.group("reason"));
        }
      }
      default -> { }
    }
    return b.build();
  }

  /** The labels every Cisco message gets. */
  static Builder header(CiscoMnemonic m) {
    return Decoded.builder().label("event.code", m.code()).label("cisco.facility", m.facility())
        .label("cisco.severity", Integer.toString(m.severity())).label("cisco.mnemonic", m.mnemonic())
        .label("observer.vendor", "Cisco").label("event.module", "cisco");
  }
}
