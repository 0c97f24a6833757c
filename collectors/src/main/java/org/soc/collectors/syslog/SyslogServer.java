package org.soc.collectors.syslog;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.soc.collectors.kafka.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syslog over UDP (<a href="https://www.rfc-editor.org/rfc/rfc5426">RFC 5426</a>) and TCP
 * (<a href="https://www.rfc-editor.org/rfc/rfc6587">RFC 6587</a>), publishing one event per message.
 *
 * <p>UDP: with epoll, {@code udpThreads} sockets share the port through SO_REUSEPORT, each served by its own
 * thread, so the kernel spreads senders over cores; with NIO a single socket. Receive buffers are sized for
 * the largest datagram, so nothing is cut silently. TCP: one {@link SyslogFrameDecoder} per connection,
 * connection limit, idle timeout, and reading paused while the publisher is above its high watermark.
 */
public final class SyslogServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyslogServer.class);
  /** Largest UDP payload (IPv6 jumbograms aside) plus one, so no datagram is silently cut by the allocator. */
  private static final int MAX_DATAGRAM = 65536;
  private static final long FLOW_CHECK_MILLIS = 10;

  private final SyslogConfig config;
  private final SyslogMessageParser parser;
  private final EventPublisher publisher;
  private final SyslogMetrics metrics;
  private final boolean epoll;
  private final List<EventLoopGroup> groups = new ArrayList<>();
  private final List<Channel> serverChannels = new ArrayList<>();
  private final ChannelGroup tcpChannels = new DefaultChannelGroup("syslog-tcp", GlobalEventExecutor.INSTANCE);
  private final TcpFlowControl flowControl;
  private ScheduledFuture<?> flowCheck;
  private BoundPorts bound;

  /** Ports actually bound; -1 for a disabled transport. */
  public record BoundPorts(int udp, int tcp) {}

  public SyslogServer(SyslogConfig config, SyslogMessageParser parser, EventPublisher publisher, SyslogMetrics metrics) {
    this.config = config;
    this.parser = parser;
    this.publisher = publisher;
    this.metrics = metrics;
    this.epoll = config.nativeTransport() && Epoll.isAvailable();
    this.flowControl =
        new TcpFlowControl(publisher, config.highWatermark(), config.lowWatermark(), tcpChannels);
  }

  /**
   * Binds the configured ports.
   *
   * @return the bound ports (the real ones when 0 was configured)
   * @throws SyslogServerException when a port cannot be bound; nothing stays open then
   */
  public synchronized BoundPorts start() {
    if (bound != null) {
      throw new IllegalStateException("already started");
    }
    try {
      int udp = config.udpPort() < 0 ? -1 : startUdp();
      int tcp = config.tcpPort() < 0 ? -1 : startTcp();
      bound = new BoundPorts(udp, tcp);
      LOG.info("syslog listening on {} udp={} tcp={} ({})", config.bindHost(), udp, tcp, epoll ? "epoll" : "nio");
      return bound;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private IoHandlerFactory ioHandlerFactory() {
    return epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
  }

  private EventLoopGroup newGroup(int threads) {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, ioHandlerFactory());
    groups.add(group);
    return group;
  }

  private int startUdp() {
    int sockets = epoll ? config.udpThreads() : 1;
    EventLoopGroup group = newGroup(sockets);
    SyslogDatagramDecoder decoder = new SyslogDatagramDecoder(config.maxFrameBytes());
    SyslogMessageHandler handler = new SyslogMessageHandler(parser, publisher, metrics,
        SyslogMessageParser.INPUT_UDP, null, 2 * config.highWatermark());
    Bootstrap b = new Bootstrap()
        .group(group)
        .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
        .option(ChannelOption.SO_RCVBUF, config.udpReceiveBufferBytes())
        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
        .handler(new ChannelInitializer<DatagramChannel>() {
          @Override
          protected void initChannel(DatagramChannel ch) {
            ch.pipeline().addLast(decoder, handler);
          }
        });
    if (epoll) {
      b.option(EpollChannelOption.SO_REUSEPORT, true);
    }
    int port = config.udpPort();
    for (int i = 0; i < sockets; i++) {
      Channel channel = bind(b.bind(config.bindHost(), port), "UDP", port);
      port = ((InetSocketAddress) channel.localAddress()).getPort();
      if (i == 0) {
        Integer rcvbuf = channel.config().getOption(ChannelOption.SO_RCVBUF);
        if (rcvbuf != null && rcvbuf < config.udpReceiveBufferBytes()) {
          LOG.warn("UDP SO_RCVBUF is {} bytes, not the {} asked for; raise net.core.rmem_max", rcvbuf,
              config.udpReceiveBufferBytes());
        }
      }
    }
    return port;
  }

  private int startTcp() {
    EventLoopGroup boss = newGroup(1);
    EventLoopGroup workers = newGroup(config.tcpThreads());
    SyslogMetrics.Transport counters = metrics.tcp();
    TcpConnectionGuard guard = new TcpConnectionGuard(config.maxConnections(), counters, flowControl);
    SyslogMessageHandler handler = new SyslogMessageHandler(parser, publisher, metrics,
        SyslogMessageParser.INPUT_TCP, flowControl, Long.MAX_VALUE);
    long idleMillis = config.idleTimeout().toMillis();
    Class<? extends ServerChannel> channelClass =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    ServerBootstrap b = new ServerBootstrap()
        .group(boss, workers)
        .channel(channelClass)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            // IdleStateHandler first: its events travel towards the tail, where the guard closes idle channels.
            ch.pipeline().addLast(
                new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS),
                guard,
                new SyslogFrameDecoder(config.maxFrameBytes()),
                handler);
            flowControl.register(ch);
          }
        });
    Channel channel = bind(b.bind(config.bindHost(), config.tcpPort()), "TCP", config.tcpPort());
    flowCheck = boss.next().scheduleAtFixedRate(
        flowControl::check, FLOW_CHECK_MILLIS, FLOW_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  private Channel bind(ChannelFuture future, String transport, int port) {
    future.awaitUninterruptibly();
    if (!future.isSuccess()) {
      throw new SyslogServerException(
          "cannot bind syslog " + transport + " to " + config.bindHost() + ":" + port, future.cause());
    }
    serverChannels.add(future.channel());
    return future.channel();
  }

  public SyslogMetrics metrics() {
    return metrics;
  }

  /** True while TCP reading is paused by back-pressure, once every connection has stopped reading. */
  public boolean tcpReadPaused() {
    return flowControl.pausedEverywhere();
  }

  /** TCP connections currently open. */
  public int tcpConnections() {
    return tcpChannels.size();
  }

  /** Stops accepting, closes connections (delivering what was already decoded) and stops the threads. */
  @Override
  public synchronized void close() {
    if (flowCheck != null) {
      flowCheck.cancel(false);
    }
    for (Channel channel : serverChannels) {
      channel.close().awaitUninterruptibly();
    }
    serverChannels.clear();
    tcpChannels.close().awaitUninterruptibly();
    List<Future<?>> terminations = new ArrayList<>();
    for (EventLoopGroup group : groups) {
      terminations.add(group.shutdownGracefully(0, 5, TimeUnit.SECONDS));
    }
    for (Future<?> termination : terminations) {
      termination.awaitUninterruptibly();
    }
    groups.clear();
  }
}
