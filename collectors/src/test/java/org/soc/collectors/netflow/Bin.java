package org.soc.collectors.netflow;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Builds packets byte by byte, big-endian (network order), as the tests' field-by-field comments describe. */
final class Bin {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static Bin of() {
    return new Bin();
  }

  Bin u8(int v) {
    out.write(v & 0xFF);
    return this;
  }

  Bin u16(int v) {
    return u8(v >>> 8).u8(v);
  }

  Bin u32(long v) {
    return u16((int) (v >>> 16)).u16((int) v);
  }

  Bin u64(long v) {
    return u32(v >>> 32).u32(v);
  }

  Bin ip(String address) {
    try {
      return bytes(InetAddress.getByName(address).getAddress());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(address, e);
    }
  }

  Bin bytes(byte[] b) {
    out.write(b, 0, b.length);
    return this;
  }

  Bin zeros(int n) {
    return bytes(new byte[n]);
  }

  /** A v9 flowset or IPFIX set: id, then length = 4 + body, then the body. */
  Bin set(int id, Bin body) {
    return u16(id).u16(4 + body.size()).bytes(body.build());
  }

  /** A template field specifier: type / IE id and length. */
  Bin field(int type, int length) {
    return u16(type).u16(length);
  }

  int size() {
    return out.size();
  }

  byte[] build() {
    return out.toByteArray();
  }
}
