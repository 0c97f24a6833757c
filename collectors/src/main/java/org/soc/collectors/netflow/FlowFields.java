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
        if (len <= 8 && (ie == OCTET_DELTA_COUNT || !r.has(FlowRecord.BYTES))) {
          r.set(FlowRecord.BYTES, Bytes.unsigned(b, o, len));
        }
      }
      case PACKET_DELTA_COUNT, PACKET_TOTAL_COUNT -> {
        if (len <= 8 && (ie == PACKET_DELTA_COUNT || !r.has(FlowRecord.PACKETS))) {
          r.set(FlowRecord.PACKETS, Bytes.unsigned(b, o, len));
        }
      }
      case PROTOCOL -> exactly(r, FlowRecord.PROTOCOL, b, o, len, 1);
      case TOS -> exactly(r, FlowRecord.TOS, b, o, len, 1);
      case TCP_FLAGS -> upTo(r, FlowRecord.TCP_FLAGS, b, o, len, 2);
      case L4_SRC_PORT -> exactly(r, FlowRecord.SOURCE_PORT, b, o, len, 2);
      case L4_DST_PORT -> exactly(r, FlowRecord.DESTINATION_PORT, b, o, len, 2);
      case IPV4_SRC_ADDR, IPV6_SRC_ADDR -> r.sourceAddress = address(b, o, len, r.sourceAddress);
      case IPV4_DST_ADDR, IPV6_DST_ADDR -> r.destinationAddress = address(b, o, len, r.destinationAddress);
      case IPV4_NEXT_HOP, IPV6_NEXT_HOP -> r.nextHop = address(b, o, len, r.nextHop);
      case BGP_IPV4_NEXT_HOP, BGP_IPV6_NEXT_HOP -> {
        if (r.nextHop == null) {
          r.nextHop = address(b, o, len, null);
        }
      }
      case SRC_MASK, IPV6_SRC_MASK -> exactly(r, FlowRecord.SOURCE_MASK, b, o, len, 1);
      case DST_MASK, IPV6_DST_MASK -> exactly(r, FlowRecord.DESTINATION_MASK, b, o, len, 1);
      case INPUT_SNMP -> upTo(r, FlowRecord.INPUT_INTERFACE, b, o, len, 4);
      case OUTPUT_SNMP -> upTo(r, FlowRecord.OUTPUT_INTERFACE, b, o, len, 4);
      case SRC_AS -> upTo(r, FlowRecord.SOURCE_AS, b, o, len, 4);
      case DST_AS -> upTo(r, FlowRecord.DESTINATION_AS, b, o, len, 4);
      case FIRST_SWITCHED -> upTo(r, FlowRecord.FIRST_SWITCHED, b, o, len, 4);
      case LAST_SWITCHED -> upTo(r, FlowRecord.LAST_SWITCHED, b, o, len, 4);
      case ICMP_TYPE, ICMP_TYPE_CODE_IPV6 -> exactly(r, FlowRecord.ICMP_TYPE_CODE, b, o, len, 2);
      case SAMPLING_INTERVAL, FLOW_SAMPLER_RANDOM_INTERVAL -> upTo(r, FlowRecord.RECORD_SAMPLING_INTERVAL, b, o, len, 4);
      case FLOW_SAMPLER_ID, SELECTOR_ID -> upTo(r, FlowRecord.SAMPLER_ID, b, o, len, 8);
      case SAMPLING_PACKET_INTERVAL -> upTo(r, FlowRecord.SAMPLING_PACKET_INTERVAL, b, o, len, 4);
      case SAMPLING_PACKET_SPACE -> upTo(r, FlowRecord.SAMPLING_PACKET_SPACE, b, o, len, 4);
      case SRC_VLAN, DOT1Q_VLAN_ID -> {
        if (len == 2) {
          r.set(FlowRecord.VLAN, Bytes.u16(b, o) & 0x0FFF);
        }
      }
      case DIRECTION -> exactly(r, FlowRecord.DIRECTION, b, o, len, 1);
      case FLOW_END_REASON -> exactly(r, FlowRecord.FLOW_END_REASON, b, o, len, 1);
      case FLOW_START_SECONDS -> {
        if (len == 4) {
          r.start(Bytes.u32(b, o), 0);
        }
      }
      case FLOW_END_SECONDS -> {
        if (len == 4) {
          r.end(Bytes.u32(b, o), 0);
        }
      }
      case FLOW_START_MILLISECONDS -> {
        long v;
        if (len == 8 && (v = Bytes.unsigned(b, o, 8)) >= 0 && v <= MAX_MILLIS) {
          r.startMillis(v);
        }
      }
      case FLOW_END_MILLISECONDS -> {
        long v;
        if (len == 8 && (v = Bytes.unsigned(b, o, 8)) >= 0 && v <= MAX_MILLIS) {
          r.endMillis(v);
        }
      }
      case FLOW_START_MICROSECONDS, FLOW_START_NANOSECONDS -> {
        if (len == 8) {
          r.start(ntpSeconds(b, o), ntpNanos(b, o));
        }
      }
      case FLOW_END_MICROSECONDS, FLOW_END_NANOSECONDS -> {
        if (len == 8) {
          r.end(ntpSeconds(b, o), ntpNanos(b, o));
        }
      }
      case FLOW_START_DELTA_MICROSECONDS -> exactly(r, FlowRecord.START_DELTA_MICROS, b, o, len, 4);
      case FLOW_END_DELTA_MICROSECONDS -> exactly(r, FlowRecord.END_DELTA_MICROS, b, o, len, 4);
      case SYSTEM_INIT_TIME_MILLISECONDS -> exactly(r, FlowRecord.SYSTEM_INIT_MILLIS, b, o, len, 8);
      case FLOW_DURATION_MILLISECONDS -> exactly(r, FlowRecord.DURATION_MILLIS, b, o, len, 4);
      case FLOW_DURATION_MICROSECONDS -> {
        if (len == 4) {
          r.set(FlowRecord.DURATION_MILLIS, Bytes.u32(b, o) / 1000);
        }
      }
      default -> {
        // Unknown to us: skipped by its length.
      }
    }
  }

  /** The unsigned element into {@code slot} when it has exactly the length its type has, else ignored. */
  private static void exactly(FlowRecord r, int slot, byte[] b, int o, int len, int expected) {
    if (len == expected) {
      r.set(slot, Bytes.unsigned(b, o, len));
    }
  }

  /** The unsigned element into {@code slot} when it is no longer than its type (reduced-size encoding). */
  private static void upTo(FlowRecord r, int slot, byte[] b, int o, int len, int max) {
    if (len <= max) {
      r.set(slot, Bytes.unsigned(b, o, len));
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

  /** The last millisecond of year 9999: later flowStart/EndMilliseconds are not times we can write. */
  private static final long MAX_MILLIS = 253_402_300_799_999L;

  /** dateTimeMicroseconds / dateTimeNanoseconds: NTP 64-bit timestamp (RFC 7011 section 6.1.9 and 6.1.10). */
  private static long ntpSeconds(byte[] b, int o) {
    return Bytes.u32(b, o) - NTP_EPOCH_OFFSET;
  }

  private static int ntpNanos(byte[] b, int o) {
    return (int) ((Bytes.u32(b, o + 4) * 1_000_000_000L) >>> 32);
  }

  /**
   * Turns the relative time forms into absolute {@code start}/{@code end}: sysUptime-relative first/last
   * switched (v9: against the header's sysUptime and unix_secs, wrap-safe; IPFIX: against
   * systemInitTimeMilliseconds from the record or the options data), delta microseconds before export time,
   * and a duration when only one end is known. Also settles the sampling interval.
   */
  static void resolve(FlowRecord r, TemplateCache.DomainInfo domain) {
    ExportContext c = r.context;
    Long init = r.has(FlowRecord.SYSTEM_INIT_MILLIS) ? Long.valueOf(r.get(FlowRecord.SYSTEM_INIT_MILLIS))
        : domain == null ? null : domain.systemInitMillis();
    if (!r.has(FlowRecord.START) && r.has(FlowRecord.FIRST_SWITCHED)) {
      long at = relative(c, init, r.get(FlowRecord.FIRST_SWITCHED));
      if (at != UNKNOWN) {
        r.startMillis(at);
      }
    }
    if (!r.has(FlowRecord.END) && r.has(FlowRecord.LAST_SWITCHED)) {
      long at = relative(c, init, r.get(FlowRecord.LAST_SWITCHED));
      if (at != UNKNOWN) {
        r.endMillis(at);
      }
    }
    if (!r.has(FlowRecord.START) && r.has(FlowRecord.START_DELTA_MICROS)) {
      r.startMillis(c.exportMillis() - r.get(FlowRecord.START_DELTA_MICROS) / 1000);
    }
    if (!r.has(FlowRecord.END) && r.has(FlowRecord.END_DELTA_MICROS)) {
      r.endMillis(c.exportMillis() - r.get(FlowRecord.END_DELTA_MICROS) / 1000);
    }
    if (r.has(FlowRecord.DURATION_MILLIS)) {
      long duration = r.get(FlowRecord.DURATION_MILLIS);
      if (!r.has(FlowRecord.END) && r.has(FlowRecord.START)) {
        Instant end = r.start().plusMillis(duration);
        r.end(end.getEpochSecond(), end.getNano());
      } else if (!r.has(FlowRecord.START) && r.has(FlowRecord.END)) {
        Instant start = r.end().minusMillis(duration);
        r.start(start.getEpochSecond(), start.getNano());
      }
    }
    long interval = 0;
    long packetInterval = r.get(FlowRecord.SAMPLING_PACKET_INTERVAL);
    if (r.has(FlowRecord.SAMPLING_PACKET_INTERVAL) && packetInterval > 0 && r.has(FlowRecord.SAMPLING_PACKET_SPACE)) {
      interval = (packetInterval + r.get(FlowRecord.SAMPLING_PACKET_SPACE)) / packetInterval;
    } else if (r.has(FlowRecord.RECORD_SAMPLING_INTERVAL)) {
      interval = r.get(FlowRecord.RECORD_SAMPLING_INTERVAL);
    } else if (domain != null) {
      interval = domain.samplingInterval(r.boxed(FlowRecord.SAMPLER_ID));
    }
    if (interval > 1) {
      r.samplingInterval = interval;
    }
  }

  /** What {@link #relative} returns when an IPFIX uptime has no system init time to count from. */
  private static final long UNKNOWN = Long.MIN_VALUE;

  /** Epoch milliseconds of an uptime-relative time, or {@link #UNKNOWN}. */
  private static long relative(ExportContext c, Long systemInit, long uptime) {
    if (c.sysUptimeMillis() >= 0) {
      // How long before the export the event happened; signed 32-bit difference survives the uptime wrap.
      long age = (int) (c.sysUptimeMillis() - uptime);
      return c.exportMillis() - age;
    }
    return systemInit == null ? UNKNOWN : systemInit + uptime;
  }
}
