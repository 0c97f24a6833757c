package org.soc.collectors.syslog;

/**
 * PRI parsing and the facility and severity names of
 * <a href="https://www.rfc-editor.org/rfc/rfc5424#section-6.2.1">RFC 5424 section 6.2.1</a>, shared by both
 * parsers. Names follow the ECS {@code log.syslog.facility.name} / {@code log.syslog.severity.name} examples.
 */
public final class SyslogPriority {
  private static final String[] FACILITIES = {
    "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp",
    "ntp", "security", "console", "solaris-cron", "local0", "local1", "local2", "local3", "local4", "local5",
    "local6", "local7"
  };
  private static final String[] SEVERITIES = {
    "Emergency", "Alert", "Critical", "Error", "Warning", "Notice", "Informational", "Debug"
  };

  /** Largest valid PRI: facility local7 (23), severity debug (7). */
  public static final int MAX_PRIORITY = 191;

  private SyslogPriority() {}

  public static String facilityName(int facility) {
    return facility >= 0 && facility < FACILITIES.length ? FACILITIES[facility] : null;
  }

  public static String severityName(int severity) {
    return severity >= 0 && severity < SEVERITIES.length ? SEVERITIES[severity] : null;
  }

  /** True when the line starts with {@code <}, the only way a syslog message may start. */
  static boolean startsWithPri(String line) {
    return !line.isEmpty() && line.charAt(0) == '<';
  }

  /**
   * Parses {@code "<" PRIVAL ">"} at the start of the line: 1 to 3 digits, no leading zero except "0",
   * value at most 191.
   *
   * @return the offset just after {@code >}; the value is stored in {@code out[0]}
   */
  static int parse(String line, int[] out) {
    if (!startsWithPri(line)) {
      throw new SyslogParseException("missing_pri", "line does not start with <PRI>", 0);
    }
    int i = 1;
    int value = 0;
    while (i < line.length() && i <= 4 && Character.isDigit(line.charAt(i)) && line.charAt(i) < 128) {
      value = value * 10 + (line.charAt(i) - '0');
      i++;
    }
    int digits = i - 1;
    if (digits == 0 || digits > 3 || i >= line.length() || line.charAt(i) != '>') {
      throw new SyslogParseException("invalid_pri", "PRI must be 1 to 3 digits between < and >", i);
    }
    if (digits > 1 && line.charAt(1) == '0') {
      throw new SyslogParseException("invalid_pri", "PRI has a leading zero", 1);
    }
    if (value > MAX_PRIORITY) {
      throw new SyslogParseException("invalid_pri", "PRI " + value + " exceeds " + MAX_PRIORITY, 1);
    }
    out[0] = value;
    return i + 1;
  }
}
