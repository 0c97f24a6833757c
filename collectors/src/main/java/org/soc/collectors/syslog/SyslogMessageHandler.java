package org.soc.collectors.syslog;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.soc.agency.Agency;
import org.soc.agency.AgencyRegistry;
import org.soc.collectors.kafka.EventPublisher;
import org.soc.schema.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses each {@link SyslogFrame} and publishes the event; counts everything, per transport and per agency.
 * A frame of a mutual-TLS connection carries the agency its client certificate names
 * ({@link TlsClientIdentity#AGENCY}). One shared instance per transport. Channel exceptions (resets, I/O errors) are counted and logged; a TCP channel is then closed,
 * a UDP socket keeps serving.
 */
@ChannelHandler.Sharable
final class SyslogMessageHandler extends SimpleChannelInboundHandler<SyslogFrame> {
  private static final Logger LOG = LoggerFactory.getLogger(SyslogMessageHandler.class);

  private final SyslogMessageParser parser;
  private final AgencyRegistry agencies;
  private final EventPublisher publisher;
  private final SyslogMetrics metrics;
  private final SyslogMetrics.Transport counters;
  private final String input;
  private final TcpFlowControl flowControl;
  private final long dropAbove;

  /**
   * @param flowControl TCP only; null for UDP
   * @param dropAbove in-flight count above which messages are dropped (UDP); {@code Long.MAX_VALUE} for none
   */
  SyslogMessageHandler(SyslogMessageParser parser, AgencyRegistry agencies, EventPublisher publisher,
      SyslogMetrics metrics, String input, TcpFlowControl flowControl, long dropAbove) {
    this.parser = parser;
    this.agencies = agencies;
    this.publisher = publisher;
    this.metrics = metrics;
    this.counters = metrics.transport(input);
    this.input = input;
    this.flowControl = flowControl;
    this.dropAbove = dropAbove;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, SyslogFrame frame) {
    counters.received.increment();
    counters.bytes.add(Math.max(frame.payload().length, frame.originalLength()));
    if (frame.sender() == null) {
      SocketAddress remote = ctx.channel().remoteAddress();
      if (remote instanceof InetSocketAddress inet) {
        frame = frame.withSender(inet);
      }
    }
    Agency authenticated = ctx.channel().attr(TlsClientIdentity.AGENCY).get();
    if (authenticated != null) {
      frame = frame.withAgency(authenticated);
    }
    if (publisher.inFlight() > dropAbove) {
      metrics.dropped(counters, "backpressure");
      metrics.droppedFrom(agencyOf(frame));
      return;
    }
    Event event = parser.parse(frame, input);
    if (event.isParseFailure()) {
      counters.malformed.increment();
      metrics.malformedFrom(event.organizationId());
    } else {
      counters.decoded.increment();
    }
    if (frame.truncated()) {
      counters.truncated.increment();
    }
    metrics.receivedFrom(event.organizationId());
    publisher.publish(event);
    if (flowControl != null) {
      flowControl.afterPublish();
    }
  }

  private String agencyOf(SyslogFrame frame) {
    if (frame.agency() != null) {
      return frame.agency().id();
    }
    return frame.sender() == null || frame.sender().getAddress() == null ? Agency.UNKNOWN.id()
        : agencies.lookup(frame.sender().getAddress()).id();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    counters.channelErrors.increment();
    if (flowControl != null) {
      LOG.warn("closing {} connection from {}: {}", input, ctx.channel().remoteAddress(), cause.toString());
      ctx.close();
    } else {
      LOG.warn("{} socket {} error, still serving: {}", input, ctx.channel().localAddress(), cause.toString());
    }
  }
}
