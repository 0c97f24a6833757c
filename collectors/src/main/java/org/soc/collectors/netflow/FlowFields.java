package org.soc.collectors.netflow;

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
      case PROTOCOL -> {
        if (len == 1) {
          r.protocol = Bytes.u8(b, o);
        }
      }
      case TOS -> {
        if (len == 1) {
          r.tos = Bytes.u8(b, o);
        }
      }
      case TCP_FLAGS -> {
        if (len <= 2) {
          r.tcpFlags = (int) Bytes.unsigned(b, o, len);
        }
      }
      case L4_SRC_PORT -> {
        if (len == 2) {
          r.sourcePort = Bytes.u16(b, o);
        }
      }
      case L4_DST_PORT -> {
        if (len == 2) {
          r.destinationPort = Bytes.u16(b, o);
        }
      }
      case IPV4_SRC_ADDR, IPV6_SRC_ADDR -> r.sourceAddress = address(b, o, len, r.sourceAddress);
      case IPV4_DST_ADDR, IPV6_DST_ADDR -> r.destinationAddress = address(b, o, len, r.destinationAddress);
      case IPV4_NEXT_HOP, IPV6_NEXT_HOP -> r.nextHop = address(b, o, len, r.nextHop);
      case BGP_IPV4_NEXT_HOP, BGP_IPV6_NEXT_HOP -> {
        if (r.nextHop == null) {
          r.nextHop = address(b, o, len, null);
        }
      }
      case SRC_MASK, IPV6_SRC_MASK -> {
        if (len == 1) {
          r.sourceMask = Bytes.u8(b, o);
        }
      }
      case DST_MASK, IPV6_DST_MASK -> {
        if (len == 1) {
          r.destinationMask = Bytes.u8(b, o);
        }
      }
      case INPUT_SNMP -> {
        if (len <= 4) {
          r.inputInterface = Bytes.unsigned(b, o, len);
        }
      }
      case OUTPUT_SNMP -> {
        if (len <= 4) {
          r.outputInterface = Bytes.unsigned(b, o, len);
        }
      }
      case SRC_AS -> {
        if (len <= 4) {
          r.sourceAs = Bytes.unsigned(b, o, len);
        }
      }
      case DST_AS -> {
        if (len <= 4) {
          r.destinationAs = Bytes.unsigned(b, o, len);
        }
      }
      case FIRST_SWITCHED -> {
        if (len <= 4) {
          r.firstSwitched = Bytes.unsigned(b, o, len);
        }
      }
      case LAST_SWITCHED -> {
        if (len <= 4) {
          r.lastSwitched = Bytes.unsigned(b, o, len);
        }
      }
      case ICMP_TYPE, ICMP_TYPE_CODE_IPV6 -> {
        if (len == 2) {
          r.icmpTypeCode = Bytes.u16(b, o);
        }
      }
      case SAMPLING_INTERVAL, FLOW_SAMPLER_RANDOM_INTERVAL -> {
        if (len <= 4) {
          r.recordSamplingInterval = Bytes.unsigned(b, o, len);
        }
      }
      case FLOW_SAMPLER_ID, SELECTOR_ID -> {
        if (len <= 8) {
          r.samplerId = Bytes.unsigned(b, o, len);
        }
      }
      case SAMPLING_PACKET_INTERVAL -> {
        if (len <= 4) {
          r.samplingPacketInterval = Bytes.unsigned(b, o, len);
        }
      }
      case SAMPLING_PACKET_SPACE -> {
        if (len <= 4) {
          r.samplingPacketSpace = Bytes.unsigned(b, o, len);
        }
      }
      case SRC_VLAN, DOT1Q_VLAN_ID -> {
        if (len == 2) {
          r.vlan = Bytes.u16(b, o) & 0x0FFF;
        }
      }
      case DIRECTION -> {
        if (len == 1) {
          r.direction = Bytes.u8(b, o);
        }
      }
      case FLOW_END_REASON -> {
        if (len == 1) {
          r.flowEndReason = Bytes.u8(b, o);
        }
      }
      case FLOW_START_SECONDS -> {
        if (len == 4) {
          r.start = Instant.ofEpochSecond(Bytes.u32(b, o));
        }
      }
      case FLOW_END_SECONDS -> {
        if (len == 4) {
          r.end = Instant.ofEpochSecond(Bytes.u32(b, o));
        }
      }
      case FLOW_START_MILLISECONDS -> {
        if (len == 8) {
          r.start = millis(b, o);
        }
      }
      case FLOW_END_MILLISECONDS -> {
        if (len == 8) {
          r.end = millis(b, o);
        }
      }
      case FLOW_START_MICROSECONDS, FLOW_START_NANOSECONDS -> {
        if (len == 8) {
          r.start = ntp(b, o);
        }
      }
      case FLOW_END_MICROSECONDS, FLOW_END_NANOSECONDS -> {
        if (len == 8) {
          r.end = ntp(b, o);
        }
      }
      case FLOW_START_DELTA_MICROSECONDS -> {
        if (len == 4) {
          r.startDeltaMicros = Bytes.u32(b, o);
        }
      }
      case FLOW_END_DELTA_MICROSECONDS -> {
        if (len == 4) {
          r.endDeltaMicros = Bytes.u32(b, o);
        }
      }
      case SYSTEM_INIT_TIME_MILLISECONDS -> {
        if (len == 8) {
          r.systemInitMillis = Bytes.unsigned(b, o, 8);
        }
      }
      case FLOW_DURATION_MILLISECONDS -> {
        if (len == 4) {
          r.durationMillis = Bytes.u32(b, o);
        }
      }
      case FLOW_DURATION_MICROSECONDS -> {
        if (len == 4) {
          r.durationMillis = Bytes.u32(b, o) / 1000;
        }
      }
      default -> {
        // Unknown to us: skipped by its length.
      }
    }
  }

  private static byte[] address(byte[] b, int o, int len, byte[] previous) {
    if (len != 4 && len != 16) {
      return previous;
    }
    byte[] a = new byte[len];
    System.arraycopy(b, o, a, 0, len);
    return a;
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
