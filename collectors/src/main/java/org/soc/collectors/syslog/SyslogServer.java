package org.soc.collectors.syslog;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
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
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.soc.agency.AgencyRegistry;
import org.soc.collectors.kafka.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syslog over UDP (<a href="https://www.rfc-editor.org/rfc/rfc5426">RFC 5426</a>), TCP
 * (<a href="https://www.rfc-editor.org/rfc/rfc6587">RFC 6587</a>) and TLS
 * (<a href="https://www.rfc-editor.org/rfc/rfc5425">RFC 5425</a>), publishing one event per message.
 *
 * <p>UDP: with epoll, {@code udpThreads} sockets share the port through SO_REUSEPORT, each served by its own
 * thread, so the kernel spreads senders over cores; with NIO a single socket. Receive buffers are sized for
 * the largest datagram, so nothing is cut silently. TCP: one {@link SyslogFrameDecoder} per connection,
 * connection limits, idle timeout, and reading paused while the publisher is above its high watermark. TLS:
 * the TCP pipeline behind an {@link SslHandler} (RFC 5425 frames are octet-counted; LF framing is accepted
 * too) with a handshake timeout, mutual-TLS agency identity ({@link TlsClientIdentity}) and certificate reload
 * ({@link SyslogTlsContext}) checked on a schedule.
 */
public final class SyslogServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyslogServer.class);
  /** Largest UDP payload (IPv6 jumbograms aside) plus one, so no datagram is silently cut by the allocator. */
  private static final int MAX_DATAGRAM = 65536;
  private static final long FLOW_CHECK_MILLIS = 10;
  /** {@code soc.input} of messages received over TLS. */
  public static final String INPUT_TLS = "syslog-tls";

  private final SyslogConfig config;
  private final SyslogMessageParser parser;
  private final AgencyRegistry agencies;
  private final EventPublisher publisher;
  private final SyslogMetrics metrics;
  private final boolean epoll;
  private final List<EventLoopGroup> groups = new ArrayList<>();
  private final List<Channel> serverChannels = new ArrayList<>();
  private final ChannelGroup tcpChannels = new DefaultChannelGroup("syslog-tcp", GlobalEventExecutor.INSTANCE);
  private final TcpFlowControl flowControl;
  private final TcpConnectionGuard.Limits limits;
  private final List<ScheduledFuture<?>> schedules = new ArrayList<>();
  private SyslogTlsContext tlsContext;
  private EventLoopGroup boss;
  private BoundPorts bound;

  /** Ports actually bound; -1 for a disabled transport. */
  public record BoundPorts(int udp, int tcp, int tls) {
    public BoundPorts(int udp, int tcp) {
      this(udp, tcp, -1);
    }
  }

  /**
   * @param agencies the registry mutual-TLS client names are looked up in, and the agency of UDP datagrams
   *     dropped under back-pressure
   */
  public SyslogServer(SyslogConfig config, SyslogMessageParser parser, AgencyRegistry agencies,
      EventPublisher publisher, SyslogMetrics metrics) {
    this.config = config;
    this.parser = parser;
    this.agencies = agencies;
    this.publisher = publisher;
    this.metrics = metrics;
    this.epoll = config.nativeTransport() && Epoll.isAvailable();
    this.flowControl =
        new TcpFlowControl(publisher, config.highWatermark(), config.lowWatermark(), tcpChannels);
    this.limits = new TcpConnectionGuard.Limits(config.maxConnections(), config.maxConnectionsPerSource());
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
      int tcp = config.tcpPort() < 0 ? -1 : startStream(false);
      int tls = config.tls() == null ? -1 : startStream(true);
      if (tcp >= 0 || tls >= 0) {
        schedules.add(boss.scheduleAtFixedRate(
            flowControl::check, FLOW_CHECK_MILLIS, FLOW_CHECK_MILLIS, TimeUnit.MILLISECONDS));
      }
      bound = new BoundPorts(udp, tcp, tls);
      LOG.info("syslog listening on {} udp={} tcp={} tls={} ({})", config.bindHost(), udp, tcp, tls,
          epoll ? "epoll" : "nio");
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
    SyslogMessageHandler handler = new SyslogMessageHandler(parser, agencies, publisher, metrics,
        SyslogMessageParser.INPUT_UDP, null, 2 * config.highWatermark());
    Bootstrap b = new Bootstrap()
        .group(group)
        .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
        .option(ChannelOption.SO_RCVBUF, config.udpReceiveBufferBytes())
        // Every read takes a MAX_DATAGRAM buffer: Netty 4.2's adaptive allocator hands out buffers that large
        // unpooled, allocated and zeroed per datagram (64 KiB of memset each); the pooled one reuses them.
        .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
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

  /** The TCP listener, or with {@code tls} the TLS one: the same framing behind an {@link SslHandler}. */
  private int startStream(boolean tls) {
    if (boss == null) {
      boss = newGroup(1);
    }
    EventLoopGroup workers = newGroup(config.tcpThreads());
    String input = tls ? INPUT_TLS : SyslogMessageParser.INPUT_TCP;
    SyslogMetrics.Transport counters = metrics.transport(input);
    TcpConnectionGuard guard = new TcpConnectionGuard(limits, counters, flowControl);
    SyslogMessageHandler handler = new SyslogMessageHandler(parser, agencies, publisher, metrics, input,
        flowControl, Long.MAX_VALUE);
    TlsClientIdentity identity = null;
    long handshakeMillis = 0;
    if (tls) {
      SyslogTlsConfig tlsConfig = config.tls();
      tlsContext = new SyslogTlsContext(tlsConfig, metrics.tlsCounters());
      identity = new TlsClientIdentity(agencies, tlsConfig, metrics.tlsCounters());
      handshakeMillis = tlsConfig.handshakeTimeout().toMillis();
      long reloadMillis = tlsConfig.reloadCheckInterval().toMillis();
      SyslogTlsContext reloadable = tlsContext;
      schedules.add(boss.scheduleWithFixedDelay(
          reloadable::reloadIfChanged, reloadMillis, reloadMillis, TimeUnit.MILLISECONDS));
    }
    TlsClientIdentity tlsIdentity = identity;
    long tlsHandshakeMillis = handshakeMillis;
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
            ch.pipeline().addLast(new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS), guard);
            if (tlsIdentity != null) {
              SslHandler ssl = tlsContext.current().newHandler(ch.alloc());
              ssl.setHandshakeTimeoutMillis(tlsHandshakeMillis);
              ch.pipeline().addLast(ssl, tlsIdentity);
            }
            ch.pipeline().addLast(new SyslogFrameDecoder(config.maxFrameBytes()), handler);
            flowControl.register(ch);
          }
        });
    int port = tls ? config.tls().port() : config.tcpPort();
    Channel channel = bind(b.bind(config.bindHost(), port), tls ? "TLS" : "TCP", port);
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

  /** TCP and TLS connections currently open. */
  public int tcpConnections() {
    return tcpChannels.size();
  }

  /** The bound ports, or null before {@link #start()}. */
  public synchronized BoundPorts boundPorts() {
    return bound;
  }

  /** Listening, not closed. */
  public synchronized boolean running() {
    return bound != null && !serverChannels.isEmpty() && serverChannels.stream().allMatch(Channel::isActive);
  }

  /** UDP datagrams the kernel dropped on our port (socket receive buffers full), -1 when unknown. */
  public long udpKernelDrops() {
    BoundPorts ports = boundPorts();
    return ports == null || ports.udp() < 0 ? -1 : UdpKernelDrops.forPort(ports.udp());
  }

  /** The TLS provider in use ({@code JDK} or {@code OPENSSL}), or null without TLS. */
  public String tlsProvider() {
    return tlsContext == null ? null : tlsContext.provider().name();
  }

  /** Checks the TLS files now instead of waiting for the schedule (operators' reload, tests). */
  public void reloadTlsIfChanged() {
    if (tlsContext != null) {
      tlsContext.reloadIfChanged();
    }
  }

  /** Stops accepting, closes connections (delivering what was already decoded) and stops the threads. */
  @Override
  public synchronized void close() {
    for (ScheduledFuture<?> schedule : schedules) {
      schedule.cancel(false);
    }
    schedules.clear();
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
    boss = null;
  }
}
