package org.soc.collectors.netflow;

import java.net.InetSocketAddress;

/**
 * NetFlow version 5: a 24-byte header and {@code count} fixed 48-byte records, as documented by Cisco in
 * <a href="https://www.cisco.com/c/en/us/td/docs/net_mgmt/netflow_collection_engine/3-6/user/guide/format.html">
 * NetFlow Collection Engine, NetFlow Export Datagram Format, table B-3 and B-4</a> (v5 has no RFC; RFC 3954
 * section 1 gives the history). {@code first}/{@code last} are sysUptime milliseconds, turned into absolute
 * times with {@code unix_secs}/{@code unix_nsecs}; the header's sampling interval (low 14 bits) scales counters.
 */
public final class NetFlowV5Parser {
  static final int HEADER = 24;
  static final int RECORD = 48;

  /** Parses a whole v5 datagram. */
  public FlowParseResult parse(InetSocketAddress exporter, byte[] p) {
    if (p.length < HEADER) {
      throw new CorruptFlowSetException("NetFlow v5 header truncated: " + p.length + " of 24 bytes", exporter, -1,
          -1, p.length);
    }
    int version = Bytes.u16(p, 0);
    if (version != 5) {
      throw new UnsupportedVersionException(version, exporter);
    }
    int count = Bytes.u16(p, 2);
    long sysUptime = Bytes.u32(p, 4);
    long unixSecs = Bytes.u32(p, 8);
    long unixNsecs = Bytes.u32(p, 12);
    int engineId = Bytes.u8(p, 21);
    int engineType = Bytes.u8(p, 20);
    int sampling = Bytes.u16(p, 22);
    long interval = sampling & 0x3FFF;
    // The engine identifies the exporting process, as the source id does in v9.
    ExportContext ctx = new ExportContext(exporter, 5, (engineType << 8) | engineId,
        unixSecs * 1000 + Math.min(unixNsecs, 999_999_999L) / 1_000_000, sysUptime);
    FlowParseResult out = new FlowParseResult();
    int available = (p.length - HEADER) / RECORD;
    int n = Math.min(count, available);
    if (count != available || (p.length - HEADER) % RECORD != 0) {
      out.problem(new CorruptFlowSetException("header count " + count + " disagrees with " + (p.length - HEADER)
          + " record bytes; decoded " + n, exporter, ctx.domainId(), -1, 2));
    }
    for (int i = 0; i < n; i++) {
      int o = HEADER + i * RECORD;
      FlowRecord r = new FlowRecord(ctx, 0);
      r.sourceAddress = v4(p, o);
      r.destinationAddress = v4(p, o + 4);
      r.nextHop = v4(p, o + 8);
      r.set(FlowRecord.INPUT_INTERFACE, Bytes.u16(p, o + 12));
      r.set(FlowRecord.OUTPUT_INTERFACE, Bytes.u16(p, o + 14));
      r.set(FlowRecord.PACKETS, Bytes.u32(p, o + 16));
      r.set(FlowRecord.BYTES, Bytes.u32(p, o + 20));
      r.set(FlowRecord.FIRST_SWITCHED, Bytes.u32(p, o + 24));
      r.set(FlowRecord.LAST_SWITCHED, Bytes.u32(p, o + 28));
      r.set(FlowRecord.SOURCE_PORT, Bytes.u16(p, o + 32));
      r.set(FlowRecord.DESTINATION_PORT, Bytes.u16(p, o + 34));
      // o + 36: pad1
      r.set(FlowRecord.TCP_FLAGS, Bytes.u8(p, o + 37));
      r.set(FlowRecord.PROTOCOL, Bytes.u8(p, o + 38));
      r.set(FlowRecord.TOS, Bytes.u8(p, o + 39));
      r.set(FlowRecord.SOURCE_AS, Bytes.u16(p, o + 40));
      r.set(FlowRecord.DESTINATION_AS, Bytes.u16(p, o + 42));
      r.set(FlowRecord.SOURCE_MASK, Bytes.u8(p, o + 44));
      r.set(FlowRecord.DESTINATION_MASK, Bytes.u8(p, o + 45));
      if (interval > 1) {
        r.set(FlowRecord.RECORD_SAMPLING_INTERVAL, interval);
      }
      FlowFields.resolve(r, null);
      out.add(r);
    }
    return out;
  }

  private static byte[] v4(byte[] p, int o) {
    return new byte[] {p[o], p[o + 1], p[o + 2], p[o + 3]};
  }

}
