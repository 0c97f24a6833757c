package org.soc.collectors.syslog;

import java.time.Instant;
import java.util.Map;

/**
 * The header fields and message of one syslog line, as produced by {@link Rfc5424Parser} and
 * {@link Rfc3164Parser}. Absent fields (RFC 5424 NILVALUE, or not present in an RFC 3164 line) are null.
 *
 * @param priority PRI value, facility * 8 + severity (0..191)
 * @param version RFC 5424 VERSION, null for RFC 3164
 * @param timestamp null when the line has no timestamp; the caller then uses the receive time
 * @param procId process id as sent (RFC 5424 PROCID may be any printable string)
 * @param structuredData SD-ID to parameters; empty when none
 */
public record SyslogMessage(
    int priority,
    Integer version,
    Instant timestamp,
    String hostname,
    String appName,
    String procId,
    String msgId,
    Map<String, Map<String, String>> structuredData,
    String message) {

  public SyslogMessage {
    structuredData = structuredData == null ? Map.of() : structuredData;
  }

  public int facility() {
    return priority >> 3;
  }

  public int severity() {
    return priority & 7;
  }
}
