package org.soc.collectors.netflow;

import java.time.Duration;

/**
 * Settings of {@link FlowServer}. Start from {@link #defaults()} and adjust with the {@code with...} methods.
 *
 * @param bindHost address to listen on; {@code 0.0.0.0} in production, {@code 127.0.0.1} in tests
 * @param netflowPort UDP port traditionally used for NetFlow; 0 picks a free port, negative disables it
 * @param ipfixPort UDP port registered for IPFIX; 0 picks a free port, negative disables it. Both ports accept
 *     NetFlow v5, v9 and IPFIX alike; only {@code soc.input} tells them apart
 * @param udpThreads sockets bound per port with SO_REUSEPORT, one thread each (epoll only; NIO uses one)
 * @param udpReceiveBufferBytes SO_RCVBUF (the kernel caps it at net.core.rmem_max)
 * @param maxDatagramBytes larger datagrams are counted undecodable and dropped (a flow datagram cut short is
 *     useless); 65,535 accepts everything UDP can carry
 * @param dropAboveInFlight publisher in-flight count above which datagrams are dropped unparsed (counted);
 *     UDP cannot push back
 * @param nativeTransport use epoll when available; false forces NIO
 * @param cacheLimits template cache and pending-set bounds
 * @param parserLimits template field and records-per-set bounds
 * @param errorLogInterval an exporter's errors are logged at most once per this interval (all are counted)
 * @param purgeInterval how often expired templates and held sets are swept
 * @param maxExporterMetrics exporter rows in {@link FlowMetrics}
 * @param encodeThreads threads that write the parsed records' JSON and publish them ({@link FlowEncoders}); 0
 *     does it on the event loop, in arrival order
 * @param encodeQueueDatagrams datagrams each encode thread may hold waiting; beyond, datagrams are dropped
 *     (counted)
 */
public record FlowConfig(
    String bindHost,
    int netflowPort,
    int ipfixPort,
    int udpThreads,
    int udpReceiveBufferBytes,
    int maxDatagramBytes,
    long dropAboveInFlight,
    boolean nativeTransport,
    TemplateCache.Limits cacheLimits,
    FlowLimits parserLimits,
    Duration errorLogInterval,
    Duration purgeInterval,
    int maxExporterMetrics,
    int encodeThreads,
    int encodeQueueDatagrams) {

  public static final int DEFAULT_NETFLOW_PORT = 2055;
  public static final int DEFAULT_IPFIX_PORT = 4739;

  public FlowConfig {
    if (netflowPort > 65535 || ipfixPort > 65535) {
      throw new IllegalArgumentException("port out of range");
    }
    if (udpThreads < 1 || udpReceiveBufferBytes < 1 || maxDatagramBytes < 16 || maxDatagramBytes > 65535
        || dropAboveInFlight < 1 || maxExporterMetrics < 1 || encodeThreads < 0 || encodeQueueDatagrams < 1) {
      throw new IllegalArgumentException("threads, buffers and limits must be positive (datagram 16..65535)");
    }
    if (errorLogInterval.isNegative() || purgeInterval.isNegative() || purgeInterval.isZero()) {
      throw new IllegalArgumentException("intervals must be positive");
    }
  }

  /**
   * 0.0.0.0, ports 2055 and 4739, one UDP socket per core and port, 8 MiB receive buffer, 65,535-byte
   * datagrams, drop above 100,000 in-flight events, epoll, {@link TemplateCache.Limits#defaults()},
   * {@link FlowLimits#defaults()}, errors logged once per exporter per minute, purge every 30 s, 10,000 exporter
   * metric rows; from 4 cores on, one encode thread per two cores with 4,096 datagrams queued each, below
   * that encoding on the event loop (on 2 cores encode threads gained nothing: the cores are already busy).
   */
  public static FlowConfig defaults() {
    int cores = Runtime.getRuntime().availableProcessors();
    int encodeThreads = cores >= 4 ? cores / 2 : 0;
    return new FlowConfig("0.0.0.0", DEFAULT_NETFLOW_PORT, DEFAULT_IPFIX_PORT, cores, 8 * 1024 * 1024, 65535,
        100_000, true, TemplateCache.Limits.defaults(), FlowLimits.defaults(), Duration.ofMinutes(1),
        Duration.ofSeconds(30), 10_000, encodeThreads, 4096);
  }

  public FlowConfig withBindHost(String value) {
    return new FlowConfig(value, netflowPort, ipfixPort, udpThreads, udpReceiveBufferBytes, maxDatagramBytes,
        dropAboveInFlight, nativeTransport, cacheLimits, parserLimits, errorLogInterval, purgeInterval,
        maxExporterMetrics, encodeThreads, encodeQueueDatagrams);
  }

  public FlowConfig withPorts(int netflow, int ipfix) {
    return new FlowConfig(bindHost, netflow, ipfix, udpThreads, udpReceiveBufferBytes, maxDatagramBytes,
        dropAboveInFlight, nativeTransport, cacheLimits, parserLimits, errorLogInterval, purgeInterval,
        maxExporterMetrics, encodeThreads, encodeQueueDatagrams);
  }

  public FlowConfig withThreads(int value) {
    return new FlowConfig(bindHost, netflowPort, ipfixPort, value, udpReceiveBufferBytes, maxDatagramBytes,
        dropAboveInFlight, nativeTransport, cacheLimits, parserLimits, errorLogInterval, purgeInterval,
        maxExporterMetrics, encodeThreads, encodeQueueDatagrams);
  }

  public FlowConfig withCacheLimits(TemplateCache.Limits value) {
    return new FlowConfig(bindHost, netflowPort, ipfixPort, udpThreads, udpReceiveBufferBytes, maxDatagramBytes,
        dropAboveInFlight, nativeTransport, value, parserLimits, errorLogInterval, purgeInterval,
        maxExporterMetrics, encodeThreads, encodeQueueDatagrams);
  }

  public FlowConfig withNativeTransport(boolean value) {
    return new FlowConfig(bindHost, netflowPort, ipfixPort, udpThreads, udpReceiveBufferBytes, maxDatagramBytes,
        dropAboveInFlight, value, cacheLimits, parserLimits, errorLogInterval, purgeInterval, maxExporterMetrics,
        encodeThreads, encodeQueueDatagrams);
  }

  public FlowConfig withDropAboveInFlight(long value) {
    return new FlowConfig(bindHost, netflowPort, ipfixPort, udpThreads, udpReceiveBufferBytes, maxDatagramBytes,
        value, nativeTransport, cacheLimits, parserLimits, errorLogInterval, purgeInterval, maxExporterMetrics,
        encodeThreads, encodeQueueDatagrams);
  }

  public FlowConfig withEncodeThreads(int value) {
    return new FlowConfig(bindHost, netflowPort, ipfixPort, udpThreads, udpReceiveBufferBytes, maxDatagramBytes,
        dropAboveInFlight, nativeTransport, cacheLimits, parserLimits, errorLogInterval, purgeInterval,
        maxExporterMetrics, value, encodeQueueDatagrams);
  }

  public FlowConfig withEncodeQueueDatagrams(int value) {
    return new FlowConfig(bindHost, netflowPort, ipfixPort, udpThreads, udpReceiveBufferBytes, maxDatagramBytes,
        dropAboveInFlight, nativeTransport, cacheLimits, parserLimits, errorLogInterval, purgeInterval,
        maxExporterMetrics, encodeThreads, value);
  }
}
