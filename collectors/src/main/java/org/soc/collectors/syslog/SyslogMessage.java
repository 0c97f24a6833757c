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
 * @param sequence the sender's own message counter when the header carries one (Cisco
 *     {@code service sequence-numbers}: {@code <189>123: ...}), else null
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
    String message,
    Long sequence) {

  public SyslogMessage {
    structuredData = structuredData == null ? Map.of() : structuredData;
  }

  /** A message without a sender sequence number. */
  public SyslogMessage(int priority, Integer version, Instant timestamp, String hostname, String appName,
      String procId, String msgId, Map<String, Map<String, String>> structuredData, String message) {
    this(priority, version, timestamp, hostname, appName, procId, msgId, structuredData, message, null);
  }

  public int facility() {
    return priority >> 3;
  }

  public int severity() {
    return priority & 7;
  }
}
