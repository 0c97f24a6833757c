package org.soc.collectors.syslog;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the connection limit on accept and closes connections the {@code IdleStateHandler} reports idle,
 * unless reading is paused by back-pressure (then silence is ours, not the sender's). Shared by all TCP
 * channels of one server.
 */
@ChannelHandler.Sharable
final class TcpConnectionGuard extends ChannelDuplexHandler {
  private static final Logger LOG = LoggerFactory.getLogger(TcpConnectionGuard.class);

  private final int maxConnections;
  private final SyslogMetrics.Transport counters;
  private final TcpFlowControl flowControl;
  private final AtomicInteger active = new AtomicInteger();

  TcpConnectionGuard(int maxConnections, SyslogMetrics.Transport counters, TcpFlowControl flowControl) {
    this.maxConnections = maxConnections;
    this.counters = counters;
    this.flowControl = flowControl;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (active.incrementAndGet() > maxConnections) {
      counters.connectionsRejected.increment();
      LOG.warn("refusing syslog connection from {}: limit of {} connections reached",
          ctx.channel().remoteAddress(), maxConnections);
      ctx.close();
      return;
    }
    counters.connections.increment();
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    active.decrementAndGet();
    ctx.fireChannelInactive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      if (!flowControl.paused()) {
        LOG.debug("closing idle syslog connection from {}", ctx.channel().remoteAddress());
        ctx.close();
      }
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  int active() {
    return active.get();
  }
}
