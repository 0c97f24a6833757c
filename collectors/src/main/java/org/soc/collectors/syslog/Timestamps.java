package org.soc.collectors.syslog;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * RFC 3339 / ISO-8601 timestamps as syslog senders write them ({@code 2003-10-11T22:14:15.003Z},
 * {@code 2003-08-24T05:14:15.000003-07:00}); see
 * <a href="https://www.rfc-editor.org/rfc/rfc5424#section-6.2.3">RFC 5424 section 6.2.3</a>. Hand-written so
 * that it accepts exactly this shape and reports where it stopped.
 */
final class Timestamps {
  private Timestamps() {}

  /**
   * Parses {@code s[start, end)}. Fractions of 1 to 9 digits; offset {@code Z} or {@code +hh:mm}/{@code -hh:mm};
   * without an offset the local time is read in {@code defaultZone}.
   *
   * @throws SyslogParseException or {@link java.time.DateTimeException} for out-of-range fields
   */
  static Instant parseIso(String s, int start, int end, ZoneId defaultZone) {
    int[] p = {start};
    int year = digits(s, p, end, 4);
    expect(s, p, end, '-');
    int month = digits(s, p, end, 2);
    expect(s, p, end, '-');
    int day = digits(s, p, end, 2);
    if (p[0] >= end || (s.charAt(p[0]) != 'T' && s.charAt(p[0]) != 't')) {
      throw new SyslogParseException("invalid_timestamp", "expected 'T'", p[0]);
    }
    p[0]++;
    int hour = digits(s, p, end, 2);
    expect(s, p, end, ':');
    int minute = digits(s, p, end, 2);
    expect(s, p, end, ':');
    int second = digits(s, p, end, 2);
    int nanos = 0;
    if (p[0] < end && s.charAt(p[0]) == '.') {
      p[0]++;
      int fracStart = p[0];
      while (p[0] < end && isDigit(s.charAt(p[0])) && p[0] - fracStart < 9) {
        nanos = nanos * 10 + (s.charAt(p[0]++) - '0');
      }
      int len = p[0] - fracStart;
      if (len == 0) {
        throw new SyslogParseException("invalid_timestamp", "empty fraction", p[0]);
      }
      for (int i = len; i < 9; i++) {
        nanos *= 10;
      }
    }
    LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
    if (p[0] == end) {
      return local.atZone(defaultZone).toInstant();
    }
    char sign = s.charAt(p[0]);
    ZoneOffset offset;
    if ((sign == 'Z' || sign == 'z') && p[0] + 1 == end) {
      offset = ZoneOffset.UTC;
      p[0]++;
    } else if (sign == '+' || sign == '-') {
      p[0]++;
      int oh = digits(s, p, end, 2);
      expect(s, p, end, ':');
      int om = digits(s, p, end, 2);
      offset = ZoneOffset.ofHoursMinutes(sign == '-' ? -oh : oh, sign == '-' ? -om : om);
    } else {
      throw new SyslogParseException("invalid_timestamp", "expected Z or +hh:mm/-hh:mm", p[0]);
    }
    if (p[0] != end) {
      throw new SyslogParseException("invalid_timestamp", "trailing characters after offset", p[0]);
    }
    return local.toInstant(offset);
  }

  private static int digits(String s, int[] p, int end, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
      if (p[0] >= end || !isDigit(s.charAt(p[0]))) {
        throw new SyslogParseException("invalid_timestamp", "expected " + n + " digits", p[0]);
      }
      v = v * 10 + (s.charAt(p[0]++) - '0');
    }
    return v;
  }

  private static void expect(String s, int[] p, int end, char ch) {
    if (p[0] >= end || s.charAt(p[0]) != ch) {
      throw new SyslogParseException("invalid_timestamp", "expected '" + ch + "'", p[0]);
    }
    p[0]++;
  }

  static boolean isDigit(char ch) {
    return ch >= '0' && ch <= '9';
  }
}
