package org.soc.collectors.syslog;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the connection limits on accept (in total over TCP and TLS, and per source address) and closes
 * connections the {@code IdleStateHandler} reports idle, unless reading is paused by back-pressure (then
 * silence is ours, not the sender's). One instance per transport, sharing one {@link Limits}.
 */
@ChannelHandler.Sharable
final class TcpConnectionGuard extends ChannelDuplexHandler {
  private static final Logger LOG = LoggerFactory.getLogger(TcpConnectionGuard.class);
  private static final AttributeKey<Boolean> COUNTED = AttributeKey.valueOf("soc.syslog.connectionCounted");

  private final Limits limits;
  private final SyslogMetrics.Transport counters;
  private final TcpFlowControl flowControl;

  /** Connections open over all stream transports of one server, in total and per source address. */
  static final class Limits {
    private final int maxTotal;
    private final int maxPerSource;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentMap<InetAddress, AtomicInteger> perSource = new ConcurrentHashMap<>();

    Limits(int maxTotal, int maxPerSource) {
      this.maxTotal = maxTotal;
      this.maxPerSource = maxPerSource;
    }

    /** Null when admitted (and counted), else the reason it is refused. */
    String admit(InetAddress source) {
      if (total.incrementAndGet() > maxTotal) {
        total.decrementAndGet();
        return "limit_total";
      }
      if (source != null) {
        AtomicInteger n = perSource.computeIfAbsent(source, k -> new AtomicInteger());
        if (n.incrementAndGet() > maxPerSource) {
          release(source);
          return "limit_per_source";
        }
      }
      return null;
    }

    void release(InetAddress source) {
      total.decrementAndGet();
      if (source != null) {
        perSource.computeIfPresent(source, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
      }
    }

    int total() {
      return total.get();
    }
  }

  TcpConnectionGuard(Limits limits, SyslogMetrics.Transport counters, TcpFlowControl flowControl) {
    this.limits = limits;
    this.counters = counters;
    this.flowControl = flowControl;
  }

  private static InetAddress source(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    String refused = limits.admit(source(ctx));
    if (refused != null) {
      counters.rejected(refused);
      LOG.warn("refusing syslog connection from {}: {} reached", ctx.channel().remoteAddress(), refused);
      ctx.close();
      return;
    }
    ctx.channel().attr(COUNTED).set(true);
    counters.connections.increment();
    counters.connectionsOpen.incrementAndGet();
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (Boolean.TRUE.equals(ctx.channel().attr(COUNTED).getAndSet(false))) {
      limits.release(source(ctx));
      counters.connectionsOpen.decrementAndGet();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      if (!flowControl.paused()) {
        LOG.debug("closing idle syslog connection from {}", ctx.channel().remoteAddress());
        counters.idleClosed.increment();
        ctx.close();
      }
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }
}
