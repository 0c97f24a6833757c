package org.soc.agency;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Maps a sender or exporter address to its agency by longest-prefix match (IPv4 and IPv6), and a TLS client
 * name to its agency. Unknown senders map to {@link Agency#UNKNOWN} and are counted, never rejected.
 * Immutable after construction and safe to share between threads.
 */
public final class AgencyRegistry {
  private final List<Agency> agencies;
  private final Map<String, Agency> byId = new HashMap<>();
  private final Map<String, Agency> byTlsName = new HashMap<>();
  private final Node ipv4 = new Node();
  private final Node ipv6 = new Node();
  private final LongAdder unknownLookups = new LongAdder();

  public AgencyRegistry(List<Agency> agencies) {
    this.agencies = List.copyOf(agencies);
    for (Agency agency : this.agencies) {
      if (byId.putIfAbsent(agency.id(), agency) != null) {
        throw new IllegalArgumentException("duplicate agency id: " + agency.id());
      }
      for (String name : agency.tlsClientNames()) {
        Agency previous = byTlsName.putIfAbsent(name.toLowerCase(Locale.ROOT), agency);
        if (previous != null) {
          throw new IllegalArgumentException(
              "TLS client name " + name + " claimed by both " + previous.id() + " and " + agency.id());
        }
      }
      for (IpPrefix prefix : agency.networks()) {
        insert(prefix, agency);
      }
    }
  }

  private void insert(IpPrefix prefix, Agency agency) {
    Node node = prefix.isIpv4() ? ipv4 : ipv6;
    for (int i = 0; i < prefix.length(); i++) {
      int b = prefix.bit(i) ? 1 : 0;
      if (node.children[b] == null) {
        node.children[b] = new Node();
      }
      node = node.children[b];
    }
    if (node.agency != null && node.agency != agency) {
      throw new IllegalArgumentException(
          "network " + prefix + " claimed by both " + node.agency.id() + " and " + agency.id());
    }
    node.agency = agency;
  }

  /** The agency whose most specific network contains the address, or {@link Agency#UNKNOWN} (counted). */
  public Agency lookup(InetAddress address) {
    return lookup(address.getAddress());
  }

  /** As {@link #lookup(InetAddress)}, for an address's 4 or 16 bytes ({@link IpLiterals#parse}). */
  public Agency lookup(byte[] address) {
    Agency found = longestMatch(address);
    if (found == null) {
      unknownLookups.increment();
      return Agency.UNKNOWN;
    }
    return found;
  }

  private Agency longestMatch(byte[] bytes) {
    Node node;
    if (bytes.length == 4) {
      node = ipv4;
    } else if (isIpv4Mapped(bytes)) {
      // ::ffff:a.b.c.d arrives on dual-stack sockets; match it against the IPv4 table.
      byte[] v4 = new byte[4];
      System.arraycopy(bytes, 12, v4, 0, 4);
      bytes = v4;
      node = ipv4;
    } else {
      node = ipv6;
    }
    Agency best = node.agency;
    for (int i = 0; i < bytes.length * 8 && node != null; i++) {
      int b = (bytes[i / 8] & (0x80 >>> (i % 8))) != 0 ? 1 : 0;
      node = node.children[b];
      if (node != null && node.agency != null) {
        best = node.agency;
      }
    }
    return best;
  }

  private static boolean isIpv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
  }

  /** The agency a TLS client certificate name (subject CN or SAN) belongs to, case-insensitively. */
  public Optional<Agency> byTlsClientName(String name) {
    return Optional.ofNullable(byTlsName.get(name.toLowerCase(Locale.ROOT)));
  }

  public Optional<Agency> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public List<Agency> agencies() {
    return agencies;
  }

  /** How many lookups found no agency since start. */
  public long unknownLookups() {
    return unknownLookups.sum();
  }

  private static final class Node {
    final Node[] children = new Node[2];
    Agency agency;
  }
}
