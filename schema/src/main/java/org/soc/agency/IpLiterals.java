package org.soc.agency;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Address literals as ECS fields carry them ({@code source.ip}): dotted-quad IPv4 and IPv6 text, to bytes.
 *
 * <p>Never a name lookup: {@link InetAddress#getByName} resolves anything that is not a literal, and a string
 * made only of hex letters and dots ({@code cafe.be}) is a host name to it. IPv4 is parsed here (every event has
 * one or two, and this is on the correlation job's per-event path); IPv6 text is handed to the JDK only once it
 * is known to contain a colon and nothing but hex digits, colons and dots, which the JDK parses as a literal.
 */
public final class IpLiterals {
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

  private IpLiterals() {}

  /** 4 or 16 bytes; null for null, empty, a host name, or anything that is not a valid literal. */
  public static byte[] parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    if (text.indexOf(':') < 0) {
      return parseIpv4(text);
    }
    if (!IPV6_CHARS.matcher(text).matches()) {
      return null;
    }
    try {
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** As {@link #parse}, as an address (built from the bytes, no lookup). */
  public static InetAddress parseAddress(String text) {
    byte[] bytes = parse(text);
    if (bytes == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 or 16 bytes are always an address", e);
    }
  }

  /** Exactly four decimal parts of 0 to 255 (one to three digits each). */
  private static byte[] parseIpv4(String s) {
    byte[] out = new byte[4];
    int part = 0;
    int value = 0;
    int digits = 0;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        value = value * 10 + (c - '0');
        if (++digits > 3 || value > 255) {
          return null;
        }
      } else if (c == '.' && digits > 0 && part < 3) {
        out[part++] = (byte) value;
        value = 0;
        digits = 0;
      } else {
        return null;
      }
    }
    if (part != 3 || digits == 0) {
      return null;
    }
    out[3] = (byte) value;
    return out;
  }
}
