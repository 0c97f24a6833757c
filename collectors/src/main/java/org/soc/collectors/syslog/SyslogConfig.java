package org.soc.collectors.syslog;

import java.time.Duration;

/**
 * Settings of {@link SyslogServer}. Start from {@link #defaults()} and adjust with the {@code with...} methods.
 *
 * @param bindHost address to listen on; {@code 0.0.0.0} in production, {@code 127.0.0.1} in tests
 * @param udpPort UDP port; 0 picks a free port, negative disables UDP
 * @param tcpPort TCP port; 0 picks a free port, negative disables TCP
 * @param maxFrameBytes largest message kept whole (TCP/TLS frame or UDP datagram); longer ones are truncated
 * @param idleTimeout TCP and TLS connections that send nothing for this long are closed
 * @param maxConnections TCP and TLS connections accepted at once, in total; more are closed on accept (counted)
 * @param maxConnectionsPerSource TCP and TLS connections accepted at once from one source address
 * @param udpThreads UDP sockets bound with SO_REUSEPORT, one thread each (epoll only; NIO uses one)
 * @param tcpThreads TCP (and TLS) worker threads
 * @param udpReceiveBufferBytes SO_RCVBUF of the UDP sockets (the kernel caps it at net.core.rmem_max)
 * @param highWatermark publisher in-flight count above which TCP and TLS reading pauses; UDP datagrams are
 *     dropped (counted, per agency) above twice this value
 * @param lowWatermark in-flight count at or below which TCP and TLS reading resumes
 * @param nativeTransport use epoll when available; false forces NIO
 * @param tls the TLS listener (RFC 5425), or null for none
 */
public record SyslogConfig(
    String bindHost,
    int udpPort,
    int tcpPort,
    int maxFrameBytes,
    Duration idleTimeout,
    int maxConnections,
    int maxConnectionsPerSource,
    int udpThreads,
    int tcpThreads,
    int udpReceiveBufferBytes,
    long highWatermark,
    long lowWatermark,
    boolean nativeTransport,
    SyslogTlsConfig tls) {

  public static final int DEFAULT_PORT = 5514;

  public SyslogConfig {
    if (maxFrameBytes < 64 || maxFrameBytes > 16 * 1024 * 1024) {
      throw new IllegalArgumentException("maxFrameBytes must be in 64..16 MiB: " + maxFrameBytes);
    }
    if (udpPort > 65535 || tcpPort > 65535) {
      throw new IllegalArgumentException("port out of range");
    }
    if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive");
    }
    if (maxConnections < 1 || maxConnectionsPerSource < 1 || udpThreads < 1 || tcpThreads < 1
        || udpReceiveBufferBytes < 1) {
      throw new IllegalArgumentException("connection, thread and buffer settings must be positive");
    }
    if (lowWatermark < 0 || lowWatermark >= highWatermark) {
      throw new IllegalArgumentException("need 0 <= lowWatermark < highWatermark");
    }
  }

  /**
   * 0.0.0.0, UDP and TCP 5514, no TLS, 64 KiB frames, 5 min idle timeout, 10 000 connections (1 000 per source
   * address), one UDP socket and one TCP worker per core, 8 MiB UDP receive buffer, watermarks 50 000 / 25 000
   * in-flight events, epoll.
   */
  public static SyslogConfig defaults() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new SyslogConfig("0.0.0.0", DEFAULT_PORT, DEFAULT_PORT, SyslogFrameDecoder.DEFAULT_MAX_FRAME_BYTES,
        Duration.ofMinutes(5), 10_000, 1_000, cores, cores, 8 * 1024 * 1024, 50_000, 25_000, true, null);
  }

  public SyslogConfig withBindHost(String value) {
    return new SyslogConfig(value, udpPort, tcpPort, maxFrameBytes, idleTimeout, maxConnections,
        maxConnectionsPerSource, udpThreads, tcpThreads, udpReceiveBufferBytes, highWatermark, lowWatermark,
        nativeTransport, tls);
  }

  public SyslogConfig withPorts(int udp, int tcp) {
    return new SyslogConfig(bindHost, udp, tcp, maxFrameBytes, idleTimeout, maxConnections,
        maxConnectionsPerSource, udpThreads, tcpThreads, udpReceiveBufferBytes, highWatermark, lowWatermark,
        nativeTransport, tls);
  }

  public SyslogConfig withMaxFrameBytes(int value) {
    return new SyslogConfig(bindHost, udpPort, tcpPort, value, idleTimeout, maxConnections,
        maxConnectionsPerSource, udpThreads, tcpThreads, udpReceiveBufferBytes, highWatermark, lowWatermark,
        nativeTransport, tls);
  }

  public SyslogConfig withIdleTimeout(Duration value) {
    return new SyslogConfig(bindHost, udpPort, tcpPort, maxFrameBytes, value, maxConnections,
        maxConnectionsPerSource, udpThreads, tcpThreads, udpReceiveBufferBytes, highWatermark, lowWatermark,
        nativeTransport, tls);
  }

  public SyslogConfig withMaxConnections(int value) {
    return new SyslogConfig(bindHost, udpPort, tcpPort, maxFrameBytes, idleTimeout, value,
        maxConnectionsPerSource, udpThreads, tcpThreads, udpReceiveBufferBytes, highWatermark, lowWatermark,
        nativeTransport, tls);
  }

  public SyslogConfig withMaxConnectionsPerSource(int value) {
    return new SyslogConfig(bindHost, udpPort, tcpPort, maxFrameBytes, idleTimeout, maxConnections, value,
        udpThreads, tcpThreads, udpReceiveBufferBytes, highWatermark, lowWatermark, nativeTransport, tls);
  }

  public SyslogConfig withThreads(int udp, int tcp) {
    return new SyslogConfig(bindHost, udpPort, tcpPort, maxFrameBytes, idleTimeout, maxConnections,
        maxConnectionsPerSource, udp, tcp, udpReceiveBufferBytes, highWatermark, lowWatermark, nativeTransport,
        tls);
  }

  public SyslogConfig withUdpReceiveBufferBytes(int value) {
    return new SyslogConfig(bindHost, udpPort, tcpPort, maxFrameBytes, idleTimeout, maxConnections,
        maxConnectionsPerSource, udpThreads, tcpThreads, value, highWatermark, lowWatermark, nativeTransport,
        tls);
  }

  public SyslogConfig withWatermarks(long high, long low) {
    return new SyslogConfig(bindHost, udpPort, tcpPort, maxFrameBytes, idleTimeout, maxConnections,
        maxConnectionsPerSource, udpThreads, tcpThreads, udpReceiveBufferBytes, high, low, nativeTransport, tls);
  }

  public SyslogConfig withNativeTransport(boolean value) {
    return new SyslogConfig(bindHost, udpPort, tcpPort, maxFrameBytes, idleTimeout, maxConnections,
        maxConnectionsPerSource, udpThreads, tcpThreads, udpReceiveBufferBytes, highWatermark, lowWatermark,
        value, tls);
  }

  /** Adds the TLS listener (RFC 5425); null disables it. */
  public SyslogConfig withTls(SyslogTlsConfig value) {
    return new SyslogConfig(bindHost, udpPort, tcpPort, maxFrameBytes, idleTimeout, maxConnections,
        maxConnectionsPerSource, udpThreads, tcpThreads, udpReceiveBufferBytes, highWatermark, lowWatermark,
        nativeTransport, value);
  }
}
