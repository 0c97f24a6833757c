package org.soc.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lines every syslog benchmark parses, in four shapes real senders produce. Each is a shape taken from the
 * collector's golden fixtures ({@code collectors/src/test/resources/syslog}); values vary so that no parser can
 * profit from one repeated string.
 */
public enum SyslogLines {
  /** RFC 5424 with one or two SD elements (section 6.5 examples 3 and 4, rsyslog's origin/timeQuality). */
  RFC5424_SD(List.of(
      "<165>1 2025-03-14T09:26:53.003Z web01.health.example evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] An application event log entry...",
      "<165>1 2025-03-14T09:26:54.117+01:00 web02.health.example evntslog 4711 ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"][examplePriority@32473 class=\"high\"] Application event with two SD elements",
      "<86>1 2025-03-14T09:26:55.481923+01:00 bastion01 sudo 3321 - [timeQuality tzKnown=\"1\" isSynced=\"1\" syncAccuracy=\"85000\"][origin ip=\"10.10.1.2\" software=\"rsyslogd\" swVersion=\"8.2302.0\"] alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx",
      "<38>1 2025-03-14T09:26:56.000001Z bastion01 sshd 24117 auth [meta sequenceId=\"29\" sysUpTime=\"1234567\" language=\"en\"] Failed password for root from 203.0.113.7 port 4242 ssh2")),
  /** RFC 5424 without structured data (what rsyslog's RSYSLOG_SyslogProtocol23Format and loggen -P send). */
  RFC5424_NO_SD(List.of(
      "<38>1 2025-03-14T09:26:53.481923+01:00 bastion01 sshd 24117 - - Failed password for root from 203.0.113.7 port 4242 ssh2",
      "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.",
      "<34>1 2025-03-14T09:26:57.003Z mymachine.example.com su - ID47 - 'su root' failed for lonvick on /dev/pts/8",
      "<13>1 2025-03-14T09:26:58.123456+01:00 app03.finance.example java-app 918 - - GET /api/v1/accounts/42 200 1532 bytes in 12 ms")),
  /** RFC 3164 OpenSSH lines as sshd writes them through rsyslog's default template. */
  RFC3164_SSHD(List.of(
      "<38>Mar 14 09:26:53 bastion01 sshd[24117]: Failed password for root from 203.0.113.7 port 4242 ssh2",
      "<38>Mar 14 09:26:55 bastion01 sshd[24117]: Failed password for invalid user bob from 203.0.113.7 port 4243 ssh2",
      "<38>Mar 14 09:27:01 bastion01 sshd[24120]: Accepted password for alice from 198.51.100.23 port 51812 ssh2",
      "<38>Mar 14 09:27:12 bastion01 sshd[24130]: Invalid user x from 203.0.113.7 port 4250")),
  /** Cisco IOS and ASA lines: sequence numbers, {@code *} timestamps, {@code %FAC-SEV-MNEMONIC:}. */
  CISCO(List.of(
      "<189>123: *Mar  1 18:46:11.123: %SYS-5-CONFIG_I: Configured from console by vty0 (10.0.0.1)",
      "<189>124: rtr-core-1: *Mar  1 18:46:12.456 UTC: %SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.0.0.1)",
      "<188>Mar 14 09:30:00 sw1 %SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: admin] [Source: 203.0.113.9] [localport: 22] [Reason: Login Authentication Failed] at 09:30:00 CET Fri Mar 14 2025",
      "<164>Mar 14 2025 09:45:00 asa01 : %ASA-4-106023: Deny tcp src outside:192.0.2.10/51234 dst inside:10.1.1.5/22 by access-group \"OUTSIDE_IN\" [0x0, 0x0]"));

  private final List<String> lines;

  SyslogLines(List<String> lines) {
    this.lines = lines;
  }

  public List<String> lines() {
    return lines;
  }

  /** True for the RFC 5424 shapes (simple-syslog needs to be told the specification; ours detects it). */
  public boolean rfc5424() {
    return this == RFC5424_SD || this == RFC5424_NO_SD;
  }

  /** {@code MIX} (all four shapes, equal shares) or one shape's name, case-insensitive. */
  public static List<String> select(String name) {
    if ("mix".equalsIgnoreCase(name)) {
      List<String> all = new ArrayList<>();
      for (SyslogLines shape : values()) {
        all.addAll(shape.lines);
      }
      return all;
    }
    return valueOf(name.toUpperCase(Locale.ROOT)).lines;
  }
}
