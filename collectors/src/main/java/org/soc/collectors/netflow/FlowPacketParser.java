package org.soc.collectors.netflow;

import java.net.InetSocketAddress;
import java.time.Clock;

/**
 * Entry point for one flow export datagram: picks {@link NetFlowV5Parser}, {@link NetFlowV9Parser} or
 * {@link IpfixParser} by the version in the first two bytes (every listener accepts every version). Pure: no
 * Netty types; the templates live in the injected {@link TemplateCache}. Thread-safe.
 */
public final class FlowPacketParser {
  private final NetFlowV5Parser v5 = new NetFlowV5Parser();
  private final NetFlowV9Parser v9;
  private final IpfixParser ipfix;

  public FlowPacketParser(TemplateCache cache, Clock clock, FlowLimits limits) {
    FlowSets sets = new FlowSets(cache, clock, limits);
    this.v9 = new NetFlowV9Parser(sets);
    this.ipfix = new IpfixParser(sets);
  }

  /**
   * @throws UnsupportedVersionException for a version other than 5, 9 or 10
   * @throws CorruptFlowSetException when the header is unusable; failures confined to a set are returned as
   *     {@link FlowParseResult#problems()} instead, with the records of the other sets
   */
  public FlowParseResult parse(InetSocketAddress exporter, byte[] packet) {
    if (packet.length < 2) {
      throw new UnsupportedVersionException(packet.length == 1 ? packet[0] & 0xFF : -1, exporter);
    }
    int version = Bytes.u16(packet, 0);
    return switch (version) {
      case 5 -> v5.parse(exporter, packet);
      case 9 -> v9.parse(exporter, packet);
      case 10 -> ipfix.parse(exporter, packet);
      default -> throw new UnsupportedVersionException(version, exporter);
    };
  }
}
