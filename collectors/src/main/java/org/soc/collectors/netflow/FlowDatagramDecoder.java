package org.soc.collectors.netflow;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Unwraps a UDP datagram into a {@link FlowDatagram} (RFC 3954 section 1 and RFC 7011 section 10.3: one export
 * packet per datagram), enforcing the size limit: a larger datagram is counted undecodable and dropped, since a
 * flow datagram cut short cannot be parsed. Parsing is left to {@link FlowPacketParser}. Stateless, so one
 * shared instance serves every channel.
 */
@ChannelHandler.Sharable
public final class FlowDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {
  private final int maxBytes;
  private final FlowMetrics metrics;

  public FlowDatagramDecoder(int maxBytes, FlowMetrics metrics) {
    super(DatagramPacket.class);
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    this.maxBytes = maxBytes;
    this.metrics = metrics;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
    ByteBuf content = packet.content();
    int length = content.readableBytes();
    if (length > maxBytes) {
      metrics.add(packet.sender(), FlowMetrics.Kind.PACKETS, 1);
      metrics.error(packet.sender(), "oversize");
      return;
    }
    byte[] bytes = new byte[length];
    content.readBytes(bytes);
    out.add(new FlowDatagram(bytes, packet.sender()));
  }
}
