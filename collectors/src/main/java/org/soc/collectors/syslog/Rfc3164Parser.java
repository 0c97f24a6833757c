package org.soc.collectors.syslog;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;

/**
 * Parses BSD syslog as described by <a href="https://www.rfc-editor.org/rfc/rfc3164#section-4.1">RFC 3164
 * section 4.1</a>: {@code <PRI>Mmm dd hh:mm:ss HOSTNAME TAG[pid]: MSG}.
 *
 * <p>What real senders do beyond the RFC, and how it is read:
 * <ul>
 *   <li>HOSTNAME omitted (local sockets forwarded as is): the first word is the TAG when it ends in {@code :}
 *       or {@code [pid]:}.
 *   <li>ISO-8601 timestamps ({@code 2024-01-15T10:11:12.123+01:00}, rsyslog's high-precision format), with
 *       or without offset; fractions after the BSD seconds ({@code 22:14:15.123}); a year after the day
 *       ({@code Oct 11 2024 22:14:15}).
 *   <li>The BSD timestamp has no year and no zone: it is read in the sending agency's zone, in the current
 *       year of the injected clock; a result more than a day in the future is taken to be from the previous
 *       year (a December line that arrives in January).
 *   <li>No recognisable timestamp: as <a href="https://www.rfc-editor.org/rfc/rfc3164#section-4.3.2">section
 *       4.3.2</a> says, everything after PRI is the message; the timestamp is left null for the caller to
 *       fill with the receive time. A leading {@code tag[pid]:} is still picked up.
 * </ul>
 *
 * <p>Thread-safe. Throws {@link SyslogParseException} only for a missing or invalid PRI.
 */
public final class Rfc3164Parser {
  static final int MAX_HOSTNAME = 255;
  static final int MAX_TAG = 48;
  private static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);
  private static final String[] MONTHS = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
  };

  /**
   * Zone names Cisco devices print after the time ({@code clock timezone}). Only UTC and GMT are unambiguous;
   * any other is read in the agency's zone, which is what the device was configured for in practice.
   */
  private static final Set<String> ZONE_NAMES = Set.of("UTC", "GMT", "Z", "CET", "CEST", "WET", "WEST", "EET",
      "EEST", "MSK", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "BST", "IST", "JST", "AEST", "AEDT",
      "SGT", "HKT", "NZST", "NZDT");
  private static final Set<String> UTC_NAMES = Set.of("UTC", "GMT", "Z");

  private final Clock clock;

  /** @param clock source of "now" for year inference */
  public Rfc3164Parser(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param line one message, without framing
   * @param zone the sending agency's zone, for year-less and zone-less timestamps
   */
  public SyslogMessage parse(String line, ZoneId zone) {
    int[] pri = new int[1];
    int pos = SyslogPriority.parse(line, pri);
    int[] p = {pos};
    Long sequence = null;
    Instant timestamp = null;
    String hostname = null;
    String tag = null;
    String procId = null;
    boolean ciscoHeader = false;
    int afterSeq = sequencePrefix(line, pos);
    if (afterSeq > 0) {
      // Cisco IOS: "seq: [origin-id: ][*|.]timestamp[ zone]: %FAC-SEV-MNEMONIC: text"
      int[] q = {afterSeq};
      String origin = null;
      Instant t = ciscoTimestamp(line, q, zone);
      int end = tokenEnd(line, afterSeq);
      if (t == null && end - afterSeq > 1 && line.charAt(end - 1) == ':' && end < line.length()) {
        q[0] = end + 1;
        t = ciscoTimestamp(line, q, zone);
        origin = t == null ? null : hostname(line, afterSeq, end - 1);
      }
      if (t != null || isMnemonic(line, afterSeq)) {
        sequence = Long.parseLong(line, pos, afterSeq - 2, 10);
        timestamp = t;
        hostname = origin;
        p[0] = t == null ? afterSeq : q[0];
        ciscoHeader = true;
      }
    }
    if (!ciscoHeader) {
      timestamp = timestamp(line, p, zone);
      if (timestamp != null) {
        skipSpaces(line, p);
        int tokenEnd = tokenEnd(line, p[0]);
        if (!isTag(line, p[0], tokenEnd) && !isMnemonic(line, p[0]) && tokenEnd > p[0]) {
          hostname = hostname(line, p[0], tokenEnd);
          p[0] = tokenEnd;
          skipSpaces(line, p);
          // Cisco ASA "hostname : %ASA-..." puts a lone colon after the hostname.
          if (p[0] < line.length() && line.charAt(p[0]) == ':' && tokenEnd(line, p[0]) == p[0] + 1) {
            p[0]++;
            skipSpaces(line, p);
          }
        }
      }
    }
    int tokenEnd = tokenEnd(line, p[0]);
    if (!isMnemonic(line, p[0]) && isTag(line, p[0], tokenEnd)) {
      int colon = tokenEnd - 1;
      int bracket = line.indexOf('[', p[0]);
      if (bracket >= 0 && bracket < colon) {
        tag = line.substring(p[0], bracket);
        procId = line.substring(bracket + 1, colon - 1);
        if (procId.isEmpty()) {
          procId = null;
        }
      } else {
        tag = line.substring(p[0], colon);
      }
      p[0] = tokenEnd;
      if (p[0] < line.length() && line.charAt(p[0]) == ' ') {
        p[0]++;
      }
    }
    if (tag != null && procId == null && sequence == null && tag.length() <= 18 && allDigits(tag, 0, tag.length())) {
      // A relay's BSD header in front of a Cisco line: "<PRI>Mmm dd hh:mm:ss host seq: *timestamp: %FAC-..."
      int[] q = {p[0]};
      Instant inner = ciscoTimestamp(line, q, zone);
      if (inner != null || isMnemonic(line, p[0])) {
        sequence = Long.parseLong(tag);
        tag = null;
        if (inner != null) {
          timestamp = inner;
          p[0] = q[0];
        }
      }
    }
    String msg = line.substring(p[0]);
    return new SyslogMessage(pri[0], null, timestamp, hostname, tag, procId, null, Map.of(), msg, sequence);
  }

  /** The offset after {@code "digits: "} at {@code start} (a Cisco sequence number), or -1. */
  private static int sequencePrefix(String s, int start) {
    int i = start;
    while (i < s.length() && Timestamps.isDigit(s.charAt(i)) && i - start < 18) {
      i++;
    }
    if (i == start || i + 1 >= s.length() || s.charAt(i) != ':' || s.charAt(i + 1) != ' ') {
      return -1;
    }
    return i + 2;
  }

  /**
   * A Cisco timestamp at p: optional {@code *} (clock not set) or {@code .} (not synchronised) marker, a BSD or
   * ISO timestamp and a closing colon. Moves p past the colon and the space after it; null (p unchanged) when
   * there is none.
   */
  private Instant ciscoTimestamp(String s, int[] p, ZoneId zone) {
    int[] q = {p[0]};
    Instant t = timestamp(s, q, zone);
    if (t == null || s.charAt(q[0] - 1) != ':') {
      return null;
    }
    if (q[0] < s.length() && s.charAt(q[0]) == ' ') {
      q[0]++;
    }
    p[0] = q[0];
    return t;
  }

  /** {@code %FAC-SEV-MNEMONIC:} or {@code %FAC-SUBFAC-SEV-MNEMONIC:} (Cisco IOS, ASA, NX-OS) at start. */
  static boolean isMnemonic(String s, int start) {
    return start < s.length() && s.charAt(start) == '%' && CiscoMnemonic.parse(s, start) != null;
  }

  /** Reads a timestamp at p and moves p after it; null (p unchanged) when there is none. */
  private Instant timestamp(String s, int[] p, ZoneId zone) {
    int start = p[0];
    if (start + 10 < s.length() && Timestamps.isDigit(s.charAt(start)) && s.charAt(start + 4) == '-') {
      int end = tokenEnd(s, start);
      boolean colon = s.charAt(end - 1) == ':';
      try {
        Instant t = Timestamps.parseIso(s, start, colon ? end - 1 : end, zone);
        p[0] = end;
        return t;
      } catch (SyslogParseException | DateTimeException e) {
        return null;
      }
    }
    if (start + 1 < s.length() && (s.charAt(start) == '*' || s.charAt(start) == '.')
        && Character.isLetter(s.charAt(start + 1))) {
      int[] q = {start + 1};
      Instant t = bsdTimestamp(s, q, zone);
      if (t != null) {
        p[0] = q[0];
      }
      return t;
    }
    return bsdTimestamp(s, p, zone);
  }

  /** {@code Mmm dd hh:mm:ss}, day space-padded or not, optional fraction, optional year after the day. */
  private Instant bsdTimestamp(String s, int[] p, ZoneId zone) {
    int i = p[0];
    if (i + 3 > s.length()) {
      return null;
    }
    int month = month(s.substring(i, i + 3));
    if (month == 0) {
      return null;
    }
    i += 3;
    if (i >= s.length() || s.charAt(i) != ' ') {
      return null;
    }
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    int dayStart = i;
    int day = 0;
    while (i < s.length() && Timestamps.isDigit(s.charAt(i)) && i - dayStart < 2) {
      day = day * 10 + s.charAt(i++) - '0';
    }
    if (i == dayStart || i >= s.length() || s.charAt(i) != ' ') {
      return null;
    }
    i++;
    Integer year = null;
    if (i + 5 <= s.length() && allDigits(s, i, i + 4) && s.charAt(i + 4) == ' ') {
      year = Integer.parseInt(s, i, i + 4, 10);
      i += 5;
    }
    if (i + 8 > s.length() || s.charAt(i + 2) != ':' || s.charAt(i + 5) != ':'
        || !allDigits(s, i, i + 2) || !allDigits(s, i + 3, i + 5) || !allDigits(s, i + 6, i + 8)) {
      return null;
    }
    int hour = Integer.parseInt(s, i, i + 2, 10);
    int minute = Integer.parseInt(s, i + 3, i + 5, 10);
    int second = Integer.parseInt(s, i + 6, i + 8, 10);
    i += 8;
    int nanos = 0;
    if (i < s.length() && s.charAt(i) == '.') {
      int fracStart = ++i;
      while (i < s.length() && Timestamps.isDigit(s.charAt(i)) && i - fracStart < 9) {
        nanos = nanos * 10 + s.charAt(i++) - '0';
      }
      for (int k = i - fracStart; k < 9; k++) {
        nanos *= 10;
      }
    }
    ZoneId effective = zone;
    if (i < s.length() && s.charAt(i) == ' ') {
      // Cisco "hh:mm:ss.mmm UTC:": a zone name, only when a colon closes the timestamp.
      int w = i + 1;
      int we = w;
      while (we < s.length() && we - w < 5 && s.charAt(we) >= 'A' && s.charAt(we) <= 'Z') {
        we++;
      }
      if (we < s.length() && s.charAt(we) == ':' && ZONE_NAMES.contains(s.substring(w, we))) {
        effective = UTC_NAMES.contains(s.substring(w, we)) ? ZoneOffset.UTC : zone;
        i = we;
      }
    }
    if (i < s.length() && s.charAt(i) == ':') {
      i++;
    } else if (i < s.length() && s.charAt(i) != ' ') {
      return null;
    }
    try {
      Instant t = year != null
          ? LocalDateTime.of(year, month, day, hour, minute, second, nanos).atZone(effective).toInstant()
          : inferYear(month, day, hour, minute, second, nanos, effective);
      p[0] = i;
      return t;
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** Current year in the agency's zone; the previous one if that lands more than a day in the future. */
  private Instant inferYear(int month, int day, int hour, int minute, int second, int nanos, ZoneId zone) {
    Instant now = clock.instant();
    int year = ZonedDateTime.ofInstant(now, zone).getYear();
    Instant limit = now.plus(FUTURE_TOLERANCE);
    Instant candidate;
    try {
      candidate = LocalDateTime.of(year, month, day, hour, minute, second, nanos).atZone(zone).toInstant();
    } catch (DateTimeException e) {
      // Feb 29 in a common year can only be a line from an earlier (leap) year.
      candidate = null;
    }
    if (candidate == null || candidate.isAfter(limit)) {
      for (int y = year - 1; y >= year - 4; y--) {
        try {
          return LocalDateTime.of(y, month, day, hour, minute, second, nanos).atZone(zone).toInstant();
        } catch (DateTimeException e) {
          // Feb 29 again; keep going back to the last leap year.
        }
      }
    }
    if (candidate == null) {
      throw new DateTimeException("no year makes " + month + "-" + day + " valid");
    }
    return candidate;
  }

  private static int month(String abbreviation) {
    for (int m = 0; m < MONTHS.length; m++) {
      if (MONTHS[m].equalsIgnoreCase(abbreviation)) {
        return m + 1;
      }
    }
    return 0;
  }

  private static String hostname(String s, int start, int end) {
    if (end - start > MAX_HOSTNAME) {
      throw new SyslogParseException("invalid_header", "HOSTNAME longer than " + MAX_HOSTNAME, start);
    }
    return s.substring(start, end);
  }

  /** {@code name:} or {@code name[pid]:}, name without blanks, brackets or colons. */
  private static boolean isTag(String s, int start, int end) {
    if (end - start < 2 || s.charAt(end - 1) != ':') {
      return false;
    }
    int nameEnd = start;
    while (nameEnd < end - 1 && s.charAt(nameEnd) != '[' && s.charAt(nameEnd) != ':'
        && s.charAt(nameEnd) != ']') {
      nameEnd++;
    }
    if (nameEnd == start || nameEnd - start > MAX_TAG) {
      return false;
    }
    if (nameEnd == end - 1) {
      return true;
    }
    return s.charAt(nameEnd) == '[' && end - 2 > nameEnd && s.charAt(end - 2) == ']'
        && s.indexOf(']', nameEnd) == end - 2;
  }

  private static int tokenEnd(String s, int start) {
    int i = start;
    while (i < s.length() && s.charAt(i) != ' ') {
      i++;
    }
    return i;
  }

  private static void skipSpaces(String s, int[] p) {
    while (p[0] < s.length() && s.charAt(p[0]) == ' ') {
      p[0]++;
    }
  }

  private static boolean allDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Timestamps.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
