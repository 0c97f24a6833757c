package org.soc.collectors.syslog.payload;

import java.util.Locale;

/** Validation and normalisation of the values decoders pick out of text: addresses, ports, counters, protocols. */
public final class Values {
  private Values() {}

  /**
   * The address when the text has the shape of an IPv4 or IPv6 address (IPv6 zone and IPv4-mapped forms
   * included), else null. Shape only, no DNS: a host name is never resolved.
   */
  public static String ip(String v) {
    if (v == null || v.isEmpty() || v.length() > 45) {
      return null;
    }
    if (v.indexOf(':') >= 0) {
      int colons = 0;
      for (int i = 0; i < v.length(); i++) {
        char ch = v.charAt(i);
        if (ch == ':') {
          colons++;
        } else if (!(Character.digit(ch, 16) >= 0 && ch < 128 || ch == '.' || ch == '%')) {
          return null;
        }
      }
      return colons >= 2 ? v : null;
    }
    String[] parts = v.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3) {
        return null;
      }
      for (int i = 0; i < part.length(); i++) {
        if (part.charAt(i) < '0' || part.charAt(i) > '9') {
          return null;
        }
      }
      if (Integer.parseInt(part) > 255) {
        return null;
      }
    }
    return v;
  }

  /** A port 0..65535, or null. */
  public static Integer port(String v) {
    Long n = count(v);
    return n == null || n > 65535 ? null : n.intValue();
  }

  /** A non-negative decimal counter of at most 18 digits, or null. */
  public static Long count(String v) {
    if (v == null || v.isEmpty() || v.length() > 18) {
      return null;
    }
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') {
        return null;
      }
    }
    return Long.parseLong(v);
  }

  /** ECS {@code network.transport} (lower case IANA keyword) from a name or an IANA protocol number. */
  public static String transport(String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    String s = v.trim().toLowerCase(Locale.ROOT);
    switch (s) {
      case "6": return "tcp";
      case "17": return "udp";
      case "1": return "icmp";
      case "58": case "icmpv6": case "ipv6-icmp": return "ipv6-icmp";
      case "47": return "gre";
      case "50": return "esp";
      case "51": return "ah";
      case "132": return "sctp";
      case "2": return "igmp";
      default:
        break;
    }
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (!(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-')) {
        return null;
      }
    }
    return s.length() <= 16 && !Character.isDigit(s.charAt(0)) ? s : null;
  }

  /** {@code network.iana_number} of a transport keyword, or null. */
  public static String ianaNumber(String transport) {
    switch (transport) {
      case "tcp": return "6";
      case "udp": return "17";
      case "icmp": return "1";
      case "ipv6-icmp": return "58";
      case "gre": return "47";
      case "esp": return "50";
      case "ah": return "51";
      case "sctp": return "132";
      case "igmp": return "2";
      default: return null;
    }
  }
}
