package org.soc.collectors.syslog;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses <a href="https://www.rfc-editor.org/rfc/rfc5424#section-6">RFC 5424 section 6</a> messages:
 *
 * <pre>
 * SYSLOG-MSG = HEADER SP STRUCTURED-DATA [SP MSG]
 * HEADER     = PRI VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID
 * </pre>
 *
 * <p>Field limits are those of section 6 (HOSTNAME 255, APP-NAME 48, PROCID 128, MSGID 32, SD-NAME 32
 * characters); {@code -} is the NILVALUE. TIMESTAMP follows
 * <a href="https://www.rfc-editor.org/rfc/rfc5424#section-6.2.3">section 6.2.3</a> (fractions up to 6 digits
 * per the RFC; up to 9 are accepted because some senders emit nanoseconds). One deviation, for real senders: a
 * timestamp without TIME-OFFSET is read in the agency's zone instead of being rejected.
 * STRUCTURED-DATA follows <a href="https://www.rfc-editor.org/rfc/rfc5424#section-6.3">section 6.3</a>,
 * including the escapes {@code \"}, {@code \\} and {@code \]} in PARAM-VALUE (section 6.3.3); a parameter
 * repeated inside one element is joined with {@code ", "}. The UTF-8 BOM before MSG
 * (<a href="https://www.rfc-editor.org/rfc/rfc5424#section-6.4">section 6.4</a>) is removed.
 *
 * <p>Stateless and thread-safe; works on the already decoded line. Throws {@link SyslogParseException}.
 */
public final class Rfc5424Parser {
  static final int MAX_HOSTNAME = 255;
  static final int MAX_APP_NAME = 48;
  static final int MAX_PROCID = 128;
  static final int MAX_MSGID = 32;
  static final int MAX_SD_NAME = 32;
  private static final char BOM = '\uFEFF';

  /** True when the line has the RFC 5424 shape {@code <PRI>VERSION SP}, VERSION being 1 to 3 digits. */
  public static boolean looksLikeRfc5424(String line) {
    int close = line.indexOf('>');
    if (!SyslogPriority.startsWithPri(line) || close < 2 || close > 4) {
      return false;
    }
    int i = close + 1;
    if (i >= line.length() || line.charAt(i) < '1' || line.charAt(i) > '9') {
      return false;
    }
    int end = i;
    while (end < line.length() && end - i < 3 && isAsciiDigit(line.charAt(end))) {
      end++;
    }
    return end < line.length() && line.charAt(end) == ' ';
  }

  /**
   * @param line one message, without framing
   * @param defaultZone zone for a timestamp that lacks TIME-OFFSET (the sending agency's zone)
   */
  public SyslogMessage parse(String line, ZoneId defaultZone) {
    Cursor c = new Cursor(line);
    int[] pri = new int[1];
    c.pos = SyslogPriority.parse(line, pri);
    int version = c.version();
    c.space("VERSION");
    Instant timestamp = c.timestamp(defaultZone);
    c.space("TIMESTAMP");
    String hostname = c.field("HOSTNAME", MAX_HOSTNAME);
    c.space("HOSTNAME");
    String appName = c.field("APP-NAME", MAX_APP_NAME);
    c.space("APP-NAME");
    String procId = c.field("PROCID", MAX_PROCID);
    c.space("PROCID");
    String msgId = c.field("MSGID", MAX_MSGID);
    c.space("MSGID");
    Map<String, Map<String, String>> sd = c.structuredData();
    String msg = null;
    if (!c.atEnd()) {
      c.space("STRUCTURED-DATA");
      msg = line.substring(c.pos);
      if (!msg.isEmpty() && msg.charAt(0) == BOM) {
        msg = msg.substring(1);
      }
    }
    return new SyslogMessage(pri[0], version, timestamp, hostname, appName, procId, msgId, sd, msg);
  }

  private static boolean isAsciiDigit(char ch) {
    return ch >= '0' && ch <= '9';
  }

  /** PRINTUSASCII = %d33-126. */
  private static boolean isPrintUsAscii(char ch) {
    return ch >= 33 && ch <= 126;
  }

  private static final class Cursor {
    final String s;
    int pos;

    Cursor(String s) {
      this.s = s;
    }

    boolean atEnd() {
      return pos >= s.length();
    }

    char peek() {
      return atEnd() ? '\0' : s.charAt(pos);
    }

    SyslogParseException error(String type, String message) {
      return new SyslogParseException(type, message, pos);
    }

    void space(String after) {
      if (peek() != ' ') {
        throw error("invalid_header", "expected SP after " + after);
      }
      pos++;
    }

    int version() {
      int start = pos;
      int v = 0;
      while (!atEnd() && isAsciiDigit(peek()) && pos - start < 3) {
        v = v * 10 + (s.charAt(pos++) - '0');
      }
      if (pos == start || s.charAt(start) == '0') {
        throw new SyslogParseException("invalid_version", "VERSION must be 1 to 3 digits, not zero", start);
      }
      return v;
    }

    /** A header field: NILVALUE or 1..max PRINTUSASCII. */
    String field(String name, int max) {
      int start = pos;
      while (!atEnd() && isPrintUsAscii(peek())) {
        pos++;
      }
      if (pos == start) {
        throw error("invalid_header", name + " is empty or not printable US-ASCII");
      }
      if (pos - start > max) {
        throw new SyslogParseException("invalid_header", name + " longer than " + max + " characters", start);
      }
      String value = s.substring(start, pos);
      return "-".equals(value) ? null : value;
    }

    Instant timestamp(ZoneId defaultZone) {
      if (peek() == '-' && (pos + 1 >= s.length() || s.charAt(pos + 1) == ' ')) {
        pos++;
        return null;
      }
      int start = pos;
      while (!atEnd() && peek() != ' ') {
        pos++;
      }
      try {
        return Timestamps.parseIso(s, start, pos, defaultZone);
      } catch (DateTimeException | SyslogParseException e) {
        throw new SyslogParseException("invalid_timestamp",
            "TIMESTAMP is not RFC 3339: " + s.substring(start, pos), start);
      }
    }

    Map<String, Map<String, String>> structuredData() {
      if (peek() == '-') {
        pos++;
        return Map.of();
      }
      if (peek() != '[') {
        throw error("invalid_sd", "STRUCTURED-DATA must be '-' or start with '['");
      }
      Map<String, Map<String, String>> elements = new LinkedHashMap<>();
      while (peek() == '[') {
        pos++;
        String id = sdName("SD-ID");
        Map<String, String> params = elements.computeIfAbsent(id, k -> new LinkedHashMap<>());
        while (peek() == ' ') {
          pos++;
          String name = sdName("PARAM-NAME");
          if (peek() != '=') {
            throw error("invalid_sd", "expected '=' after PARAM-NAME " + name);
          }
          pos++;
          if (peek() != '"') {
            throw error("invalid_sd", "expected '\"' to open PARAM-VALUE of " + name);
          }
          pos++;
          String value = paramValue();
          params.merge(name, value, (a, b) -> a + ", " + b);
        }
        if (peek() != ']') {
          throw error("invalid_sd", "expected ']' to close SD-ELEMENT " + id);
        }
        pos++;
      }
      return elements;
    }

    /** SD-NAME = 1*32PRINTUSASCII except '=', SP, ']', %d34. */
    String sdName(String what) {
      int start = pos;
      while (!atEnd()) {
        char ch = peek();
        if (!isPrintUsAscii(ch) || ch == '=' || ch == ']' || ch == '"') {
          break;
        }
        pos++;
      }
      if (pos == start || pos - start > MAX_SD_NAME) {
        throw new SyslogParseException("invalid_sd", what + " must be 1 to 32 printable characters", start);
      }
      return s.substring(start, pos);
    }

    /** PARAM-VALUE up to the closing quote; section 6.3.3 escapes. Cursor ends after the closing quote. */
    String paramValue() {
      StringBuilder out = new StringBuilder();
      while (!atEnd()) {
        char ch = s.charAt(pos++);
        if (ch == '"') {
          return out.toString();
        }
        if (ch == '\\' && !atEnd()) {
          char next = peek();
          if (next == '"' || next == '\\' || next == ']') {
            out.append(next);
            pos++;
            continue;
          }
        }
        out.append(ch);
      }
      throw error("invalid_sd", "unterminated PARAM-VALUE");
    }
  }
}
