package org.soc.collectors.netflow;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.soc.agency.AgencyRegistry;
import org.soc.collectors.kafka.EventPublisher;
import org.soc.schema.EventIdGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NetFlow v5/v9 and IPFIX over UDP on two ports (default 2055 and 4739), each accepting every version, one
 * event per flow record. With epoll, {@code udpThreads} sockets share each port through SO_REUSEPORT (the kernel
 * keeps an exporter on one socket); with NIO one socket per port. One {@link TemplateCache} serves both ports;
 * expired templates and held sets are swept every {@code purgeInterval}. The event loops parse; {@code
 * encodeThreads} {@link FlowEncoders} write and publish the events.
 */
public final class FlowServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlowServer.class);
  /** {@code soc.input} of events received on the NetFlow port. */
  public static final String INPUT_NETFLOW = "netflow-udp";
  /** {@code soc.input} of events received on the IPFIX port. */
  public static final String INPUT_IPFIX = "ipfix-udp";
  private static final int MAX_DATAGRAM = 65536;

  private final FlowConfig config;
  private final TemplateCache cache;
  private final FlowPacketParser parser;
  private final FlowEventEncoder encoder;
  private final EventPublisher publisher;
  private final AgencyRegistry agencies;
  private final FlowMetrics metrics;
  private final Clock clock;
  private final boolean epoll;
  private final List<Channel> channels = new ArrayList<>();
  private EventLoopGroup group;
  private ScheduledFuture<?> purge;
  private FlowEncoders encoders;
  private BoundPorts bound;

  /** Ports actually bound; -1 for a disabled one. */
  public record BoundPorts(int netflow, int ipfix) {}

  /** Everything injected; the cache and metrics are shared with whoever else reads them. */
  public FlowServer(FlowConfig config, TemplateCache cache, FlowEventEncoder encoder, EventPublisher publisher,
      AgencyRegistry agencies, FlowMetrics metrics, Clock clock) {
    this.config = config;
    this.cache = cache;
    this.parser = new FlowPacketParser(cache, clock, config.parserLimits());
    this.encoder = encoder;
    this.publisher = publisher;
    this.agencies = agencies;
    this.metrics = metrics;
    this.clock = clock;
    this.epoll = config.nativeTransport() && Epoll.isAvailable();
  }

  /** The usual wiring: metrics attributed by {@code agencies}, a cache with {@code config.cacheLimits()}. */
  public static FlowServer create(FlowConfig config, AgencyRegistry agencies, EventPublisher publisher, Clock clock,
      EventIdGenerator ids) {
    FlowMetrics metrics = new FlowMetrics(a -> agencies.lookup(a).id(), config.maxExporterMetrics());
    TemplateCache cache = new TemplateCache(config.cacheLimits(), clock, metrics);
    return new FlowServer(config, cache, new FlowEventEncoder(ids), publisher, agencies, metrics, clock);
  }

  /**
   * Binds the configured ports.
   *
   * @throws FlowServerException when a port cannot be bound; nothing stays open then
   */
  public synchronized BoundPorts start() {
    if (bound != null) {
      throw new IllegalStateException("already started");
    }
    try {
      int sockets = epoll ? config.udpThreads() : 1;
      int ports = (config.netflowPort() < 0 ? 0 : 1) + (config.ipfixPort() < 0 ? 0 : 1);
      encoders = new FlowEncoders(encoder, publisher, ports == 0 ? 0 : config.encodeThreads(),
          config.encodeQueueDatagrams());
      group = new MultiThreadIoEventLoopGroup(Math.max(1, sockets * ports),
          epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
      int netflow = config.netflowPort() < 0 ? -1 : bindUdp(config.netflowPort(), INPUT_NETFLOW, sockets);
      int ipfix = config.ipfixPort() < 0 ? -1 : bindUdp(config.ipfixPort(), INPUT_IPFIX, sockets);
      long every = config.purgeInterval().toMillis();
      purge = group.next().scheduleAtFixedRate(cache::purgeExpired, every, every, TimeUnit.MILLISECONDS);
      bound = new BoundPorts(netflow, ipfix);
      LOG.info("flows listening on {} netflow={} ipfix={} ({})", config.bindHost(), netflow, ipfix,
          epoll ? "epoll" : "nio");
      return bound;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private int bindUdp(int port, String input, int sockets) {
    FlowDatagramDecoder decoder = new FlowDatagramDecoder(config.maxDatagramBytes(), metrics);
    FlowMessageHandler handler = new FlowMessageHandler(parser, encoders, publisher, agencies, metrics, clock, input,
        config.dropAboveInFlight(), config.errorLogInterval());
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
    for (int i = 0; i < sockets; i++) {
      ChannelFuture f = b.bind(config.bindHost(), port).awaitUninterruptibly();
      if (!f.isSuccess()) {
        throw new FlowServerException("cannot bind flow UDP " + config.bindHost() + ":" + port, f.cause());
      }
      channels.add(f.channel());
      port = ((InetSocketAddress) f.channel().localAddress()).getPort();
    }
    return port;
  }

  public FlowMetrics metrics() {
    return metrics;
  }

  public TemplateCache templateCache() {
    return cache;
  }

  /**
   * Stops the listeners and their threads, then publishes what the encoders still hold; the publisher is not
   * closed (its owner closes it).
   */
  @Override
  public synchronized void close() {
    if (purge != null) {
      purge.cancel(false);
    }
    for (Channel c : channels) {
      c.close().awaitUninterruptibly();
    }
    channels.clear();
    if (group != null) {
      group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
      group = null;
    }
    if (encoders != null) {
      encoders.close();
      encoders = null;
    }
  }
}
