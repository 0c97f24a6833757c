package org.soc.bench.netflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The flow export datagrams the benchmarks replay, read from classic libpcap files under
 * {@code src/main/resources/netflow/} (copies of the collector's test fixtures):
 *
 * <ul>
 *   <li>{@code softflowd-v5}, {@code softflowd-v9}, {@code softflowd-v10}: what softflowd exported for the
 *       collector's {@code SoftflowdConversations} (one datagram each, 7 flows; the v9 and IPFIX ones carry their
 *       template in the same datagram, as softflowd sends it, so every replay also parses a template).
 *   <li>{@code fixture-v5-dense}: one v5 datagram of 30 TCP records (the v5 maximum).
 *   <li>{@code fixture-v9-dense}: template 256 of the collector's {@code FlowFixtures} (18 fields), then a data
 *       flowset of 24 IPv4 records (1,320-byte datagram).
 *   <li>{@code fixture-v10-dense}: options template and data (sampling 1:10, system init time) with template 301,
 *       then a data set of 50 IPv4 records of 8 fields (1,270-byte datagram).
 * </ul>
 */
public final class FlowCaptures {
  /** Every capture name, for {@code @Param} and the smoke test. */
  public static final String[] NAMES = {"softflowd-v5", "softflowd-v9", "softflowd-v10", "fixture-v5-dense",
      "fixture-v9-dense", "fixture-v10-dense"};
  /** The exporter every replay claims to come from (inside the benchmark agency's network). */
  public static final InetSocketAddress EXPORTER = new InetSocketAddress("10.10.0.1", 50001);

  private FlowCaptures() {}

  /** The UDP payloads of {@code netflow/<name>.pcap}, in capture order. */
  public static List<byte[]> load(String name) {
    try (InputStream in = FlowCaptures.class.getResourceAsStream("/netflow/" + name + ".pcap")) {
      if (in == null) {
        throw new IllegalArgumentException("no capture " + name);
      }
      return udpPayloads(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ethernet, IPv4 without options, UDP: what the collector's PcapWriter and tcpdump on loopback-less hosts write. */
  static List<byte[]> udpPayloads(byte[] pcap) {
    if (pcap.length < 24 || u32(pcap, 0) != 0xa1b2c3d4L) {
      throw new IllegalArgumentException("not a big-endian microsecond pcap");
    }
    List<byte[]> out = new ArrayList<>();
    int pos = 24;                                    // global header
    while (pos + 16 <= pcap.length) {
      int incl = (int) u32(pcap, pos + 8);           // incl_len
      int ip = pos + 16 + 14;                        // record header, Ethernet header
      if ((pcap[ip + 9] & 0xFF) == 17) {             // IPv4 protocol: UDP
        int udpLength = ((pcap[ip + 24] & 0xFF) << 8) | (pcap[ip + 25] & 0xFF);
        out.add(Arrays.copyOfRange(pcap, ip + 28, ip + 20 + udpLength));
      }
      pos += 16 + incl;
    }
    return out;
  }

  private static long u32(byte[] b, int i) {
    return ((long) (b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
  }
}
