package org.soc.agency;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 CIDR prefix such as {@code 10.1.0.0/16} or {@code 2001:db8::/32}. */
public record IpPrefix(byte[] network, int length) {

  public IpPrefix {
    int bits = network.length * 8;
    if (length < 0 || length > bits) {
      throw new IllegalArgumentException("prefix length " + length + " out of range 0.." + bits);
    }
    network = network.clone();
    // Clear host bits so 10.1.2.3/16 and 10.1.0.0/16 are the same prefix.
    for (int i = 0; i < bits; i++) {
      if (i >= length) {
        network[i / 8] &= (byte) ~(0x80 >>> (i % 8));
      }
    }
  }

  /** Parses {@code address/length}; a bare address is a host prefix (/32 or /128). Only literal addresses. */
  public static IpPrefix parse(String cidr) {
    String text = cidr.trim();
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    if (!address.matches("[0-9a-fA-F:.]+")) {
      throw new IllegalArgumentException("not an IP address literal: " + cidr);
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + cidr, e);
    }
    int length;
    try {
      length = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad prefix length in " + cidr, e);
    }
    return new IpPrefix(bytes, length);
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  /** Whether {@code address} (4 or 16 bytes) is in this prefix; an address of the other family never is. No copy. */
  public boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    int full = length / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != network[i]) {
        return false;
      }
    }
    int rest = length % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (address[full] & mask) == (network[full] & 0xFF);
  }

  boolean bit(int index) {
    return (network[index / 8] & (0x80 >>> (index % 8))) != 0;
  }

  boolean isIpv4() {
    return network.length == 4;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpPrefix p && p.length == length && java.util.Arrays.equals(p.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(network) + length;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + length;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
