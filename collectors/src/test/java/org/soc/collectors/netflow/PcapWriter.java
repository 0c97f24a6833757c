package org.soc.collectors.netflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes a classic libpcap file (magic a1b2c3d4, version 2.4, Ethernet link type) of IPv4 TCP/UDP packets built
 * byte by byte, so a real exporter (softflowd) can read traffic whose every flow the test knows.
 */
final class PcapWriter {
  private final Bin out = Bin.of();

  PcapWriter() {
    out.u32(0xa1b2c3d4L)           // magic number (microsecond timestamps, big-endian as written)
        .u16(2).u16(4)             // version 2.4
        .u32(0)                    // thiszone: GMT
        .u32(0)                    // sigfigs
        .u32(65535)                // snaplen
        .u32(1);                   // network: LINKTYPE_ETHERNET
  }

  /** One IPv4 packet with a zero-filled payload; returns its IP total length (what NetFlow counts as octets). */
  int packet(Instant time, String src, String dst, int protocol, int sport, int dport, int tcpFlags, int payload) {
    return packet(time, src, dst, protocol, sport, dport, tcpFlags, new byte[payload]);
  }

  /** One IPv4 UDP datagram carrying {@code payload} (for example a captured flow export). */
  int udp(Instant time, String src, String dst, int sport, int dport, byte[] payload) {
    return packet(time, src, dst, 17, sport, dport, 0, payload);
  }

  private int packet(Instant time, String src, String dst, int protocol, int sport, int dport, int tcpFlags,
      byte[] data) {
    int payload = data.length;
    int l4 = protocol == 6 ? 20 : 8;
    int ipLength = 20 + l4 + payload;
    Bin ip = Bin.of()
        .u8(0x45)                  // version 4, IHL 5
        .u8(0)                     // DSCP/ECN
        .u16(ipLength)             // total length
        .u16(1)                    // identification
        .u16(0x4000)               // flags: DF
        .u8(64)                    // TTL
        .u8(protocol)              // protocol
        .u16(0)                    // header checksum, patched below
        .ip(src)                   // source address
        .ip(dst);                  // destination address
    byte[] header = ip.build();
    int sum = checksum(header);
    header[10] = (byte) (sum >>> 8);
    header[11] = (byte) sum;
    Bin l4b = Bin.of().u16(sport).u16(dport);
    if (protocol == 6) {
      l4b.u32(1000)                // sequence number
          .u32(tcpFlags & 0x10) // acknowledgment number (non-zero when ACK)
          .u8(0x50)                // data offset 5 words
          .u8(tcpFlags)            // flags
          .u16(65535)              // window
          .u16(0)                  // checksum (not checked by exporters)
          .u16(0);                 // urgent pointer
    } else {
      l4b.u16(8 + payload)         // UDP length
          .u16(0);                 // checksum: none
    }
    Bin frame = Bin.of()
        .bytes(new byte[] {2, 0, 0, 0, 0, 2})  // destination MAC
        .bytes(new byte[] {2, 0, 0, 0, 0, 1})  // source MAC
        .u16(0x0800)                           // EtherType IPv4
        .bytes(header).bytes(l4b.build()).bytes(data);
    out.u32(time.getEpochSecond())             // ts_sec
        .u32(time.getNano() / 1000)            // ts_usec
        .u32(frame.size())                     // incl_len
        .u32(frame.size())                     // orig_len
        .bytes(frame.build());
    return ipLength;
  }

  /** The UDP payloads of a file this class wrote (Ethernet, IPv4 without options, UDP). */
  static java.util.List<byte[]> readUdpPayloads(byte[] pcap) {
    java.util.List<byte[]> out = new java.util.ArrayList<>();
    int pos = 24;                                  // global header
    while (pos + 16 <= pcap.length) {
      int incl = (int) Bytes.u32(pcap, pos + 8);   // incl_len
      int frame = pos + 16;
      int ip = frame + 14;
      if (Bytes.u8(pcap, ip + 9) == 17) {
        int udpLength = Bytes.u16(pcap, ip + 20 + 4);
        out.add(java.util.Arrays.copyOfRange(pcap, ip + 28, ip + 20 + udpLength));
      }
      pos = frame + incl;
    }
    return out;
  }

  void write(Path file) throws IOException {
    Files.write(file, out.build());
  }

  private static int checksum(byte[] header) {
    long sum = 0;
    for (int i = 0; i < header.length; i += 2) {
      sum += ((header[i] & 0xFF) << 8) | (header[i + 1] & 0xFF);
    }
    while ((sum >> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >> 16);
    }
    return (int) (~sum & 0xFFFF);
  }
}
