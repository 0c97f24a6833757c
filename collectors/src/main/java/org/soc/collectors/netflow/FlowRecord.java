package org.soc.collectors.netflow;

import java.net.InetAddress;
import java.time.Instant;

/**
 * One decoded flow, protocol-neutral: what NetFlow v5, v9 and IPFIX records have in common, before it becomes
 * an ECS event document in {@link FlowEventEncoder}. Mutable while a parser fills it, then handed on and not changed.
 * Counters are the raw exported figures; {@link #samplingInterval} says by how much to scale them.
 */
public final class FlowRecord {
  final ExportContext context;
  final int templateId;
  // Raw network-order bytes (4 or 16), as exported: written as text by the encoder without an InetAddress.
  byte[] sourceAddress;
  byte[] destinationAddress;
  byte[] nextHop;
  Integer sourcePort;
  Integer destinationPort;
  Integer protocol;
  Integer tcpFlags;
  Integer tos;
  Long bytes;
  Long packets;
  Long inputInterface;
  Long outputInterface;
  Long sourceAs;
  Long destinationAs;
  Integer vlan;
  Integer direction;
  Integer sourceMask;
  Integer destinationMask;
  Integer icmpTypeCode;
  Integer flowEndReason;
  /** 1 when unsampled; from the record, the options data or the v5 header. */
  long samplingInterval = 1;
  Long samplerId;
  Instant start;
  Instant end;
  int enterpriseFieldsSkipped;

  // Raw time forms, resolved into start/end by FlowFields.resolveTimes.
  Long firstSwitched;
  Long lastSwitched;
  Long systemInitMillis;
  Long startDeltaMicros;
  Long endDeltaMicros;
  Long durationMillis;
  Long recordSamplingInterval;
  Long samplingPacketInterval;
  Long samplingPacketSpace;

  FlowRecord(ExportContext context, int templateId) {
    this.context = context;
    this.templateId = templateId;
  }

  public ExportContext context() { return context; }
  public int templateId() { return templateId; }
  public InetAddress sourceAddress() { return inet(sourceAddress); }
  public InetAddress destinationAddress() { return inet(destinationAddress); }
  public InetAddress nextHop() { return inet(nextHop); }
  public Integer sourcePort() { return sourcePort; }
  public Integer destinationPort() { return destinationPort; }
  public Integer protocol() { return protocol; }
  public Integer tcpFlags() { return tcpFlags; }
  public Long bytes() { return bytes; }
  public Long packets() { return packets; }
  public Long inputInterface() { return inputInterface; }
  public Long outputInterface() { return outputInterface; }
  public Long sourceAs() { return sourceAs; }
  public Long destinationAs() { return destinationAs; }
  public Integer vlan() { return vlan; }
  public Integer direction() { return direction; }
  public long samplingInterval() { return samplingInterval; }
  public Instant start() { return start; }
  public Instant end() { return end; }

  static InetAddress inet(byte[] raw) {
    if (raw == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(raw);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("unreachable: addresses are 4 or 16 bytes", e);
    }
  }

  @Override
  public String toString() {
    return "FlowRecord[v" + context.version() + " " + sourceAddress() + ":" + sourcePort + " -> "
        + destinationAddress() + ":" + destinationPort + " proto " + protocol + " bytes " + bytes + " packets "
        + packets + " " + start + ".." + end + "]";
  }
}
