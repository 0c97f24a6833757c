package org.soc.collectors.netflow;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import org.soc.agency.Agency;
import org.soc.agency.AgencyRegistry;
import org.soc.agency.IpPrefix;
import org.soc.schema.EventIdGenerator;

/**
 * A fixed test world (time, agencies, exporters) and good export packets built byte by byte with the layouts of
 * Cisco's v5 format, RFC 3954 (NetFlow v9) and RFC 7011 (IPFIX). The packets are also the seeds of the mutation
 * test.
 */
final class FlowFixtures {
  static final Instant NOW = Instant.parse("2025-03-14T10:00:00Z");
  static final long NOW_SECS = NOW.getEpochSecond();
  /** Exporter sysUptime in the v5/v9 headers: 6 minutes after boot. */
  static final long UPTIME = 360_000;
  static final Agency HEALTH = new Agency("health", "Ministry of Health",
      List.of(IpPrefix.parse("10.10.0.0/16"), IpPrefix.parse("127.0.0.0/8")), List.of(), java.time.ZoneOffset.UTC);
  static final Agency TRANSPORT = new Agency("transport", "Ministry of Transport",
      List.of(IpPrefix.parse("10.20.0.0/16")), List.of(), java.time.ZoneOffset.UTC);
  static final InetSocketAddress ROUTER = new InetSocketAddress("10.10.0.1", 50001);
  static final InetSocketAddress OTHER_ROUTER = new InetSocketAddress("10.20.0.1", 50002);

  static final int V9_SOURCE_ID = 7;
  static final long IPFIX_DOMAIN = 42;

  private FlowFixtures() {}

  static AgencyRegistry registry() {
    return new AgencyRegistry(List.of(HEALTH, TRANSPORT));
  }

  static EventIdGenerator ids() {
    return new EventIdGenerator(0xF10F);
  }

  /** NetFlow v5 header, Cisco table B-3. */
  static Bin v5Header(int count, int sampling) {
    return Bin.of()
        .u16(5)                     // version
        .u16(count)                 // count: records in this packet
        .u32(UPTIME)                // sysUptime, ms since boot
        .u32(NOW_SECS)              // unix_secs
        .u32(500_000_000)           // unix_nsecs: export at 10:00:00.500
        .u32(1)                     // flow_sequence
        .u8(0)                      // engine_type
        .u8(1)                      // engine_id
        .u16(sampling);             // sampling_interval: 2 bits mode, 14 bits interval
  }

  /** One NetFlow v5 record, Cisco table B-4 (48 bytes). */
  static Bin v5Record(Bin b, String src, String dst, int sport, int dport, int proto, int flags, long packets,
      long bytes, long first, long last) {
    return b
        .ip(src)                    // srcaddr
        .ip(dst)                    // dstaddr
        .ip("10.10.0.254")          // nexthop
        .u16(3)                     // input ifIndex
        .u16(4)                     // output ifIndex
        .u32(packets)               // dPkts
        .u32(bytes)                 // dOctets
        .u32(first)                 // First: sysUptime at flow start
        .u32(last)                  // Last: sysUptime at last packet
        .u16(sport)                 // srcport
        .u16(dport)                 // dstport
        .u8(0)                      // pad1
        .u8(flags)                  // tcp_flags (cumulative OR)
        .u8(proto)                  // prot
        .u8(0)                      // tos
        .u16(64500)                 // src_as
        .u16(64501)                 // dst_as
        .u8(24)                     // src_mask
        .u8(16)                     // dst_mask
        .u16(0);                    // pad2
  }

  /** Two v5 flows: TCP 10.10.1.5:51234 -> 203.0.113.80:443 and UDP 10.10.1.6:5353 -> 198.51.100.53:53. */
  static byte[] v5(int sampling) {
    Bin b = v5Header(2, sampling);
    v5Record(b, "10.10.1.5", "203.0.113.80", 51234, 443, 6, 0x1b, 12, 3400, 300_000, 359_000);
    v5Record(b, "10.10.1.6", "198.51.100.53", 5353, 53, 17, 0, 1, 76, 359_500, 359_500);
    return b.build();
  }

  /** NetFlow v9 packet header, RFC 3954 section 5.1. */
  static Bin v9Header(int count) {
    return Bin.of()
        .u16(9)                     // Version
        .u16(count)                 // Count: template + options + data records in the packet
        .u32(UPTIME)                // sysUpTime
        .u32(NOW_SECS)              // UNIX Secs
        .u32(100)                   // Sequence Number
        .u32(V9_SOURCE_ID);         // Source ID
  }

  /** Template flowset (RFC 3954 section 5.2) for template 256: IPv4 flow with the fields real exporters use. */
  static Bin v9TemplateFlowSet() {
    Bin t = Bin.of()
        .u16(256)                   // Template ID
        .u16(18)                    // Field Count
        .field(8, 4)                // IPV4_SRC_ADDR
        .field(12, 4)               // IPV4_DST_ADDR
        .field(15, 4)               // IPV4_NEXT_HOP
        .field(7, 2)                // L4_SRC_PORT
        .field(11, 2)               // L4_DST_PORT
        .field(4, 1)                // PROTOCOL
        .field(6, 1)                // TCP_FLAGS
        .field(1, 8)                // IN_BYTES, 8-byte form
        .field(2, 4)                // IN_PKTS, 4-byte form
        .field(22, 4)               // FIRST_SWITCHED
        .field(21, 4)               // LAST_SWITCHED
        .field(10, 2)               // INPUT_SNMP
        .field(14, 2)               // OUTPUT_SNMP
        .field(16, 4)               // SRC_AS (4-byte ASN)
        .field(17, 4)               // DST_AS
        .field(58, 2)               // SRC_VLAN
        .field(61, 1)               // DIRECTION
        .field(48, 1);              // FLOW_SAMPLER_ID
    return Bin.of().set(0, t);      // FlowSet ID 0 = template flowset
  }

  /** One data record of template 256 (58 bytes). */
  static Bin v9Record(Bin b, String src, String dst, int sport, int dport, int proto, int flags, long bytes,
      long packets, int sampler) {
    return b
        .ip(src)                    // IPV4_SRC_ADDR
        .ip(dst)                    // IPV4_DST_ADDR
        .ip("10.10.0.254")          // IPV4_NEXT_HOP
        .u16(sport)                 // L4_SRC_PORT
        .u16(dport)                 // L4_DST_PORT
        .u8(proto)                  // PROTOCOL
        .u8(flags)                  // TCP_FLAGS
        .u64(bytes)                 // IN_BYTES
        .u32(packets)               // IN_PKTS
        .u32(300_000)               // FIRST_SWITCHED: 60 s before export
        .u32(359_000)               // LAST_SWITCHED: 1 s before export
        .u16(3)                     // INPUT_SNMP
        .u16(4)                     // OUTPUT_SNMP
        .u32(4_200_000_001L)        // SRC_AS
        .u32(64501)                 // DST_AS
        .u16(120)                   // SRC_VLAN
        .u8(0)                      // DIRECTION: ingress
        .u8(sampler);               // FLOW_SAMPLER_ID
  }

  /** Data flowset 256 (RFC 3954 section 5.3) with two records and 2 bytes of padding to a 32-bit boundary. */
  static Bin v9DataFlowSet(int sampler) {
    Bin d = Bin.of();
    v9Record(d, "10.10.1.5", "203.0.113.80", 51234, 443, 6, 0x1b, 3400, 12, sampler);
    v9Record(d, "10.10.1.6", "198.51.100.53", 5353, 53, 17, 0, 76, 1, sampler);
    d.zeros(2);                     // Padding
    return Bin.of().set(256, d);
  }

  /** Template flowset followed by the data flowset, as exporters send at start-up. */
  static byte[] v9TemplateAndData() {
    return v9Header(3).bytes(v9TemplateFlowSet().build()).bytes(v9DataFlowSet(0).build()).build();
  }

  static byte[] v9DataOnly(int sampler) {
    return v9Header(2).bytes(v9DataFlowSet(sampler).build()).build();
  }

  static byte[] v9TemplateOnly() {
    return v9Header(1).bytes(v9TemplateFlowSet().build()).build();
  }

  /**
   * Options template 257 (RFC 3954 section 6.1) and its options data (section 6.2): sampler 5 samples 1 packet
   * in 100.
   */
  static byte[] v9SamplingOptions() {
    Bin t = Bin.of()
        .u16(257)                   // Template ID
        .u16(4)                     // Option Scope Length: one scope field, bytes
        .u16(12)                    // Option Length: three option fields, bytes
        .field(1, 4)                // scope: System
        .field(48, 1)               // FLOW_SAMPLER_ID
        .field(49, 1)               // FLOW_SAMPLER_MODE
        .field(50, 4)               // FLOW_SAMPLER_RANDOM_INTERVAL
        .zeros(2);                  // Padding
    Bin d = Bin.of()
        .u32(0x0A0A0001L)           // scope System: the router's address
        .u8(5)                      // FLOW_SAMPLER_ID
        .u8(2)                      // FLOW_SAMPLER_MODE: random
        .u32(100)                   // FLOW_SAMPLER_RANDOM_INTERVAL
        .zeros(2);                  // Padding
    return v9Header(2).set(1, t).set(257, d).build();
  }

  /** IPv6 template 258 and one record: 2001:db8::5:40000 -> 2001:db8:ffff::1:22 TCP, IPFIX-style counters. */
  static byte[] v9Ipv6() {
    Bin t = Bin.of()
        .u16(258)                   // Template ID
        .u16(9)                     // Field Count
        .field(27, 16)              // IPV6_SRC_ADDR
        .field(28, 16)              // IPV6_DST_ADDR
        .field(7, 2)                // L4_SRC_PORT
        .field(11, 2)               // L4_DST_PORT
        .field(4, 1)                // PROTOCOL
        .field(1, 4)                // IN_BYTES
        .field(2, 4)                // IN_PKTS
        .field(22, 4)               // FIRST_SWITCHED
        .field(21, 4);              // LAST_SWITCHED
    Bin d = Bin.of()
        .ip("2001:db8::5")          // IPV6_SRC_ADDR
        .ip("2001:db8:ffff::1")     // IPV6_DST_ADDR
        .u16(40000)                 // L4_SRC_PORT
        .u16(22)                    // L4_DST_PORT
        .u8(6)                      // PROTOCOL
        .u32(5000)                  // IN_BYTES
        .u32(40)                    // IN_PKTS
        .u32(350_000)               // FIRST_SWITCHED
        .u32(355_000)               // LAST_SWITCHED
        .zeros(3);                  // Padding
    return v9Header(2).set(0, t).set(258, d).build();
  }

  /** IPFIX message header, RFC 7011 section 3.1; the length is patched by {@link #ipfix}. */
  static byte[] ipfix(long domain, Bin sets) {
    return Bin.of()
        .u16(10)                    // Version Number
        .u16(16 + sets.size())      // Length: whole message, header included
        .u32(NOW_SECS)              // Export Time
        .u32(9)                     // Sequence Number
        .u32(domain)                // Observation Domain ID
        .bytes(sets.build())
        .build();
  }

  /**
   * Template 300 (RFC 7011 section 3.4.1): IPv6 flow with absolute millisecond times, an enterprise-specific
   * element (skipped by length) and a variable-length applicationName.
   */
  static Bin ipfixTemplate300() {
    Bin t = Bin.of()
        .u16(300)                   // Template ID
        .u16(12)                    // Field Count
        .field(27, 16)              // sourceIPv6Address
        .field(28, 16)              // destinationIPv6Address
        .field(7, 2)                // sourceTransportPort
        .field(11, 2)               // destinationTransportPort
        .field(4, 1)                // protocolIdentifier
        .field(6, 2)                // tcpControlBits (RFC 7125: 2 bytes)
        .field(1, 8)                // octetDeltaCount
        .field(2, 8)                // packetDeltaCount
        .field(152, 8)              // flowStartMilliseconds
        .field(153, 8)              // flowEndMilliseconds
        .field(0x8000 | 12, 4)      // enterprise bit + element 12, 4 bytes, of ...
        .u32(9)                     // ... Private Enterprise Number 9 (Cisco)
        .field(96, 65535);          // applicationName, variable length
    return Bin.of().set(2, t);      // Set ID 2 = template set
  }

  /** Two data records of template 300: one with a 1-byte length form, one with the 3-byte form (RFC 7011 7). */
  static Bin ipfixData300() {
    Bin d = Bin.of();
    d.ip("2001:db8::5").ip("2001:db8:ffff::1")   // source/destinationIPv6Address
        .u16(40000).u16(443)                     // ports
        .u8(6)                                   // protocolIdentifier: TCP
        .u16(0x12)                               // tcpControlBits: SYN ACK
        .u64(123_456).u64(100)                   // octetDeltaCount, packetDeltaCount
        .u64(NOW.toEpochMilli() - 30_000)        // flowStartMilliseconds
        .u64(NOW.toEpochMilli() - 1_000)         // flowEndMilliseconds
        .u32(0xDEADBEEFL)                        // enterprise element, skipped
        .u8(5).bytes("https".getBytes(java.nio.charset.StandardCharsets.US_ASCII)); // 1-byte length, "https"
    byte[] longName = new byte[300];
    java.util.Arrays.fill(longName, (byte) 'a');
    d.ip("2001:db8::6").ip("2001:db8:ffff::2")
        .u16(40001).u16(53)
        .u8(17)                                  // UDP
        .u16(0)
        .u64(80).u64(1)
        .u64(NOW.toEpochMilli() - 2_000)
        .u64(NOW.toEpochMilli() - 2_000)
        .u32(0)
        .u8(255).u16(300).bytes(longName);       // 3-byte length form: 255 then 300
    return Bin.of().set(300, d);
  }

  /**
   * Options template 400 (RFC 7011 section 3.4.2) scoped to the observation domain: systemInitTimeMilliseconds
   * and the sampling interval as samplingPacketInterval/Space (1 in 10); then template 301 whose times are
   * sysUpTime-relative (flowStart/EndSysUpTime, IE 22/21) and whose counters use reduced-size encoding.
   */
  static Bin ipfixOptionsAndTemplate301() {
    Bin ot = Bin.of()
        .u16(400)                   // Template ID
        .u16(4)                     // Field Count
        .u16(1)                     // Scope Field Count
        .field(149, 4)              // scope: observationDomainId
        .field(160, 8)              // systemInitTimeMilliseconds
        .field(305, 4)              // samplingPacketInterval: 1 packet sampled ...
        .field(306, 4);             // samplingPacketSpace: ... then 9 skipped
    Bin od = Bin.of()
        .u32(IPFIX_DOMAIN)          // observationDomainId
        .u64(NOW.toEpochMilli() - 3_600_000) // booted one hour ago
        .u32(1)
        .u32(9);
    Bin t = Bin.of()
        .u16(301)                   // Template ID
        .u16(8)                     // Field Count
        .field(8, 4)                // sourceIPv4Address
        .field(12, 4)               // destinationIPv4Address
        .field(7, 2)                // sourceTransportPort
        .field(11, 2)               // destinationTransportPort
        .field(4, 1)                // protocolIdentifier
        .field(1, 4)                // octetDeltaCount, reduced to 4 bytes
        .field(22, 4)               // flowStartSysUpTime
        .field(21, 4);              // flowEndSysUpTime
    return Bin.of().set(3, ot).set(400, od).set(2, t);
  }

  /** One record of template 301: 10.10.1.7:1234 -> 192.0.2.10:161 UDP, 500 bytes, 10 s of uptime long. */
  static Bin ipfixData301() {
    Bin d = Bin.of()
        .ip("10.10.1.7").ip("192.0.2.10")       // source/destinationIPv4Address
        .u16(1234).u16(161)                     // ports
        .u8(17)                                 // protocolIdentifier: UDP
        .u32(500)                               // octetDeltaCount
        .u32(3_000_000)                         // flowStartSysUpTime: 50 min after init
        .u32(3_010_000);                        // flowEndSysUpTime
    return Bin.of().set(301, d);
  }

  static byte[] ipfixTemplatesAndData() {
    return ipfix(IPFIX_DOMAIN, Bin.of().bytes(ipfixTemplate300().build()).bytes(ipfixData300().build()));
  }

  static byte[] ipfixOptionsAndData301() {
    return ipfix(IPFIX_DOMAIN, Bin.of().bytes(ipfixOptionsAndTemplate301().build()).bytes(ipfixData301().build()));
  }

  /** Datagrams softflowd exported (captured by SoftflowdExportIT), from src/test/resources/netflow. */
  static List<byte[]> softflowdCapture(int version) {
    try (java.io.InputStream in = FlowFixtures.class.getResourceAsStream("/netflow/softflowd-v" + version + ".pcap")) {
      if (in == null) {
        throw new IllegalArgumentException("no capture for version " + version);
      }
      return PcapWriter.readUdpPayloads(in.readAllBytes());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Every good packet, in an order that decodes (templates before their data). */
  static List<byte[]> goodPackets() {
    return List.of(v5(0), v9TemplateAndData(), v9SamplingOptions(), v9DataOnly(5), v9Ipv6(), ipfixTemplatesAndData(),
        ipfixOptionsAndData301());
  }
}
