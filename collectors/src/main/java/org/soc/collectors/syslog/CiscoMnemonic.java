package org.soc.collectors.syslog;

/**
 * The Cisco message identifier {@code %FACILITY[-SUBFACILITY]-SEVERITY-MNEMONIC:} that IOS, IOS-XE, NX-OS, ASA
 * and FTD put before the text (for example {@code %SYS-5-CONFIG_I:}, {@code %ASA-6-302013:}); see the Cisco
 * "System Message Format" chapter of the IOS and ASA message guides.
 *
 * @param facility {@code SYS}, {@code ASA}, {@code SEC_LOGIN}; with a sub-facility, {@code FAC-SUB}
 * @param severity 0 (emergency) to 7 (debugging)
 * @param mnemonic {@code CONFIG_I}; for ASA and FTD the six-digit message number
 * @param end offset just after the closing colon
 */
public record CiscoMnemonic(String facility, int severity, String mnemonic, int end) {
  private static final int MAX_LENGTH = 80;

  /** {@code FAC-SEV-MNEMONIC}, as Cisco documents and indexes it. */
  public String code() {
    return facility + "-" + severity + "-" + mnemonic;
  }

  /** The identifier starting with {@code %} at {@code start}, or null. */
  public static CiscoMnemonic parse(String s, int start) {
    if (start >= s.length() || s.charAt(start) != '%') {
      return null;
    }
    int limit = Math.min(s.length(), start + MAX_LENGTH);
    int colon = -1;
    for (int i = start + 1; i < limit; i++) {
      char ch = s.charAt(i);
      if (ch == ':') {
        colon = i;
        break;
      }
      if (!(ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_' || ch == '-')) {
        return null;
      }
    }
    if (colon < 0) {
      return null;
    }
    String[] parts = s.substring(start + 1, colon).split("-", -1);
    if (parts.length < 3 || parts.length > 4) {
      return null;
    }
    String sev = parts[parts.length - 2];
    if (sev.length() != 1 || sev.charAt(0) < '0' || sev.charAt(0) > '7') {
      return null;
    }
    for (String part : parts) {
      if (part.isEmpty()) {
        return null;
      }
    }
    String facility = parts.length == 4 ? parts[0] + "-" + parts[1] : parts[0];
    return new CiscoMnemonic(facility, sev.charAt(0) - '0', parts[parts.length - 1], colon + 1);
  }
}
