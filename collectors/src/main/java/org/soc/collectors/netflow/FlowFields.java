package org.soc.collectors.netflow;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;

/**
 * The field types NetFlow v9 (<a href="https://www.rfc-editor.org/rfc/rfc3954#section-8">RFC 3954 section
 * 8</a>) and IPFIX (<a href="https://www.iana.org/assignments/ipfix/ipfix.xhtml">IANA IPFIX information
 * elements</a>, which keep the v9 numbers 1..127) share, applied to a {@link FlowRecord}. Elements with an
 * unexpected length are ignored rather than misread; unknown elements are skipped by their length.
 */
final class FlowFields {
  static final int OCTET_DELTA_COUNT = 1;
  static final int PACKET_DELTA_COUNT = 2;
  static final int PROTOCOL = 4;
  static final int TOS = 5;
  static final int TCP_FLAGS = 6;
  static final int L4_SRC_PORT = 7;
  static final int IPV4_SRC_ADDR = 8;
  static final int SRC_MASK = 9;
  static final int INPUT_SNMP = 10;
  static final int L4_DST_PORT = 11;
  static final int IPV4_DST_ADDR = 12;
  static final int DST_MASK = 13;
  static final int OUTPUT_SNMP = 14;
  static final int IPV4_NEXT_HOP = 15;
  static final int SRC_AS = 16;
  static final int DST_AS = 17;
  static final int BGP_IPV4_NEXT_HOP = 18;
  /** v9 LAST_SWITCHED / IPFIX flowEndSysUpTime. */
  static final int LAST_SWITCHED = 21;
  /** v9 FIRST_SWITCHED / IPFIX flowStartSysUpTime. */
  static final int FIRST_SWITCHED = 22;
  static final int IPV6_SRC_ADDR = 27;
  static final int IPV6_DST_ADDR = 28;
  static final int IPV6_SRC_MASK = 29;
  static final int IPV6_DST_MASK = 30;
  static final int ICMP_TYPE = 32;
  static final int SAMPLING_INTERVAL = 34;
  static final int FLOW_SAMPLER_ID = 48;
  static final int FLOW_SAMPLER_RANDOM_INTERVAL = 50;
  static final int SRC_VLAN = 58;
  static final int DIRECTION = 61;
  static final int IPV6_NEXT_HOP = 62;
  static final int BGP_IPV6_NEXT_HOP = 63;
  static final int OCTET_TOTAL_COUNT = 85;
  static final int PACKET_TOTAL_COUNT = 86;
  static final int FLOW_END_REASON = 136;
  static final int ICMP_TYPE_CODE_IPV6 = 139;
  static final int FLOW_START_SECONDS = 150;
  static final int FLOW_END_SECONDS = 151;
  static final int FLOW_START_MILLISECONDS = 152;
  static final int FLOW_END_MILLISECONDS = 153;
  static final int FLOW_START_MICROSECONDS = 154;
  static final int FLOW_END_MICROSECONDS = 155;
  static final int FLOW_START_NANOSECONDS = 156;
  static final int FLOW_END_NANOSECONDS = 157;
  static final int FLOW_START_DELTA_MICROSECONDS = 158;
  static final int FLOW_END_DELTA_MICROSECONDS = 159;
  static final int SYSTEM_INIT_TIME_MILLISECONDS = 160;
  static final int FLOW_DURATION_MILLISECONDS = 161;
  static final int FLOW_DURATION_MICROSECONDS = 162;
  static final int DOT1Q_VLAN_ID = 243;
  static final int SELECTOR_ID = 302;
  static final int SAMPLING_PACKET_INTERVAL = 305;
  static final int SAMPLING_PACKET_SPACE = 306;

  /** Seconds from the NTP era 0 (1900-01-01) to the Unix epoch (RFC 5905 section 6). */
  private static final long NTP_EPOCH_OFFSET = 2_208_988_800L;

  private FlowFields() {}

  static void apply(FlowRecord r, int ie, byte[] b, int o, int len) {
    if (len == 0) {
      return;
    }
    switch (ie) {
      case OCTET_DELTA_COUNT, OCTET_TOTAL_COUNT -> {
        if (len <= 8 && (ie == OCTET_DELTA_COUNT || r.bytes == null)) {
          r.bytes = Bytes.unsigned(b, o, len);
        }
      }
      case PACKET_DELTA_COUNT, PACKET_TOTAL_COUNT -> {
        if (len <= 8 && (ie == PACKET_DELTA_COUNT || r.packets == null)) {
          r.packets = Bytes.unsigned(b, o, len);
        }
      }
      case PROTOCOL -> r.protocol = len == 1 ? Bytes.u8(b, o) : r.protocol;
      case TOS -> r.tos = len == 1 ? Bytes.u8(b, o) : r.tos;
      case TCP_FLAGS -> r.tcpFlags = len <= 2 ? (int) Bytes.unsigned(b, o, len) : r.tcpFlags;
      case L4_SRC_PORT -> r.sourcePort = len == 2 ? Bytes.u16(b, o) : r.sourcePort;
      case L4_DST_PORT -> r.destinationPort = len == 2 ? Bytes.u16(b, o) : r.destinationPort;
      case IPV4_SRC_ADDR, IPV6_SRC_ADDR -> r.sourceAddress = address(b, o, len, r.sourceAddress);
      case IPV4_DST_ADDR, IPV6_DST_ADDR -> r.destinationAddress = address(b, o, len, r.destinationAddress);
      case IPV4_NEXT_HOP, IPV6_NEXT_HOP -> r.nextHop = address(b, o, len, r.nextHop);
      case BGP_IPV4_NEXT_HOP, BGP_IPV6_NEXT_HOP -> {
        if (r.nextHop == null) {
          r.nextHop = address(b, o, len, null);
        }
      }
      case SRC_MASK, IPV6_SRC_MASK -> r.sourceMask = len == 1 ? Bytes.u8(b, o) : r.sourceMask;
      case DST_MASK, IPV6_DST_MASK -> r.destinationMask = len == 1 ? Bytes.u8(b, o) : r.destinationMask;
      case INPUT_SNMP -> r.inputInterface = len <= 4 ? Bytes.unsigned(b, o, len) : r.inputInterface;
      case OUTPUT_SNMP -> r.outputInterface = len <= 4 ? Bytes.unsigned(b, o, len) : r.outputInterface;
      case SRC_AS -> r.sourceAs = len <= 4 ? Bytes.unsigned(b, o, len) : r.sourceAs;
      case DST_AS -> r.destinationAs = len <= 4 ? Bytes.unsigned(b, o, len) : r.destinationAs;
      case FIRST_SWITCHED -> r.firstSwitched = len <= 4 ? Bytes.unsigned(b, o, len) : r.firstSwitched;
      case LAST_SWITCHED -> r.lastSwitched = len <= 4 ? Bytes.unsigned(b, o, len) : r.lastSwitched;
      case ICMP_TYPE, ICMP_TYPE_CODE_IPV6 -> r.icmpTypeCode = len == 2 ? Bytes.u16(b, o) : r.icmpTypeCode;
      case SAMPLING_INTERVAL, FLOW_SAMPLER_RANDOM_INTERVAL ->
          r.recordSamplingInterval = len <= 4 ? Bytes.unsigned(b, o, len) : r.recordSamplingInterval;
      case FLOW_SAMPLER_ID, SELECTOR_ID -> r.samplerId = len <= 8 ? Bytes.unsigned(b, o, len) : r.samplerId;
      case SAMPLING_PACKET_INTERVAL ->
          r.samplingPacketInterval = len <= 4 ? Bytes.unsigned(b, o, len) : r.samplingPacketInterval;
      case SAMPLING_PACKET_SPACE ->
          r.samplingPacketSpace = len <= 4 ? Bytes.unsigned(b, o, len) : r.samplingPacketSpace;
      case SRC_VLAN, DOT1Q_VLAN_ID -> r.vlan = len == 2 ? Bytes.u16(b, o) & 0x0FFF : r.vlan;
      case DIRECTION -> r.direction = len == 1 ? Bytes.u8(b, o) : r.direction;
      case FLOW_END_REASON -> r.flowEndReason = len == 1 ? Bytes.u8(b, o) : r.flowEndReason;
      case FLOW_START_SECONDS -> r.start = len == 4 ? Instant.ofEpochSecond(Bytes.u32(b, o)) : r.start;
      case FLOW_END_SECONDS -> r.end = len == 4 ? Instant.ofEpochSecond(Bytes.u32(b, o)) : r.end;
      case FLOW_START_MILLISECONDS -> r.start = len == 8 ? millis(b, o) : r.start;
      case FLOW_END_MILLISECONDS -> r.end = len == 8 ? millis(b, o) : r.end;
      case FLOW_START_MICROSECONDS, FLOW_START_NANOSECONDS -> r.start = len == 8 ? ntp(b, o) : r.start;
      case FLOW_END_MICROSECONDS, FLOW_END_NANOSECONDS -> r.end = len == 8 ? ntp(b, o) : r.end;
      case FLOW_START_DELTA_MICROSECONDS -> r.startDeltaMicros = len == 4 ? Bytes.u32(b, o) : r.startDeltaMicros;
      case FLOW_END_DELTA_MICROSECONDS -> r.endDeltaMicros = len == 4 ? Bytes.u32(b, o) : r.endDeltaMicros;
      case SYSTEM_INIT_TIME_MILLISECONDS -> r.systemInitMillis = len == 8 ? Bytes.unsigned(b, o, 8) : r.systemInitMillis;
      case FLOW_DURATION_MILLISECONDS -> r.durationMillis = len == 4 ? Bytes.u32(b, o) : r.durationMillis;
      case FLOW_DURATION_MICROSECONDS -> r.durationMillis = len == 4 ? Bytes.u32(b, o) / 1000 : r.durationMillis;
      default -> {
        // Unknown to us: skipped by its length.
      }
    }
  }

  private static InetAddress address(byte[] b, int o, int len, InetAddress previous) {
    if (len != 4 && len != 16) {
      return previous;
    }
    byte[] a = new byte[len];
    System.arraycopy(b, o, a, 0, len);
    try {
      return InetAddress.getByAddress(a);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("unreachable: 4 or 16 bytes", e);
    }
  }

  private static Instant millis(byte[] b, int o) {
    long v = Bytes.unsigned(b, o, 8);
    return v > 253_402_300_799_999L ? null : Instant.ofEpochMilli(v);
  }

  /** dateTimeMicroseconds / dateTimeNanoseconds: NTP 64-bit timestamp (RFC 7011 section 6.1.9 and 6.1.10). */
  private static Instant ntp(byte[] b, int o) {
    long seconds = Bytes.u32(b, o) - NTP_EPOCH_OFFSET;
    long fraction = Bytes.u32(b, o + 4);
    long nanos = (fraction * 1_000_000_000L) >>> 32;
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /**
   * Turns the relative time forms into absolute {@code start}/{@code end}: sysUptime-relative first/last
   * switched (v9: against the header's sysUptime and unix_secs, wrap-safe; IPFIX: against
   * systemInitTimeMilliseconds from the record or the options data), delta microseconds before export time,
   * and a duration when only one end is known. Also settles the sampling interval.
   */
  static void resolve(FlowRecord r, TemplateCache.DomainInfo domain) {
    ExportContext c = r.context;
    Long init = r.systemInitMillis != null ? r.systemInitMillis : domain == null ? null : domain.systemInitMillis();
    if (r.start == null && r.firstSwitched != null) {
      r.start = relative(c, init, r.firstSwitched);
    }
    if (r.end == null && r.lastSwitched != null) {
      r.end = relative(c, init, r.lastSwitched);
    }
    if (r.start == null && r.startDeltaMicros != null) {
      r.start = Instant.ofEpochMilli(c.exportMillis() - r.startDeltaMicros / 1000);
    }
    if (r.end == null && r.endDeltaMicros != null) {
      r.end = Instant.ofEpochMilli(c.exportMillis() - r.endDeltaMicros / 1000);
    }
    if (r.durationMillis != null) {
      if (r.end == null && r.start != null) {
        r.end = r.start.plusMillis(r.durationMillis);
      } else if (r.start == null && r.end != null) {
        r.start = r.end.minusMillis(r.durationMillis);
      }
    }
    long interval = 0;
    if (r.samplingPacketInterval != null && r.samplingPacketInterval > 0 && r.samplingPacketSpace != null) {
      interval = (r.samplingPacketInterval + r.samplingPacketSpace) / r.samplingPacketInterval;
    } else if (r.recordSamplingInterval != null) {
      interval = r.recordSamplingInterval;
    } else if (domain != null) {
      interval = domain.samplingInterval(r.samplerId);
    }
    if (interval > 1) {
      r.samplingInterval = interval;
    }
  }

  private static Instant relative(ExportContext c, Long systemInit, long uptime) {
    if (c.sysUptimeMillis() >= 0) {
      // How long before the export the event happened; signed 32-bit difference survives the uptime wrap.
      long age = (int) (c.sysUptimeMillis() - uptime);
      return Instant.ofEpochMilli(c.exportMillis() - age);
    }
    return systemInit == null ? null : Instant.ofEpochMilli(systemInit + uptime);
  }
}
