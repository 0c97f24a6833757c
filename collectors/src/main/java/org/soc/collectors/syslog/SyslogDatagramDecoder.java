package org.soc.collectors.syslog;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;

/**
 * Unwraps a UDP datagram (<a href="https://www.rfc-editor.org/rfc/rfc5426#section-3.1">RFC 5426 section
 * 3.1</a>: one message per datagram) into a {@link SyslogFrame} with the sender address, cutting it to
 * {@code maxBytes} (flagged truncated) when larger. Stateless, so one shared instance serves all channels.
 */
@ChannelHandler.Sharable
public final class SyslogDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {
  private final int maxBytes;

  public SyslogDatagramDecoder(int maxBytes) {
    super(DatagramPacket.class);
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
    this.maxBytes = maxBytes;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
    ByteBuf content = packet.content();
    int length = content.readableBytes();
    byte[] bytes = new byte[Math.min(length, maxBytes)];
    content.readBytes(bytes);
    out.add(new SyslogFrame(bytes, length, length > maxBytes, null, packet.sender()));
  }
}
