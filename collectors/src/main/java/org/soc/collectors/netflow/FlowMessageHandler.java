package org.soc.collectors.netflow;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.soc.agency.AgencyRegistry;
import org.soc.collectors.kafka.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses each {@link FlowDatagram}, publishes one event per flow record and counts everything per exporter and
 * agency. Our parser's {@link FlowException}s (thrown for a whole datagram, or returned per set) are counted by
 * kind and logged at most once per exporter per interval. Anything else that reaches the pipeline (a bug) is
 * counted as a channel error and logged the same way; the UDP socket keeps serving. One shared instance per
 * listener.
 */
@ChannelHandler.Sharable
public final class FlowMessageHandler extends SimpleChannelInboundHandler<FlowDatagram> {
  private static final Logger LOG = LoggerFactory.getLogger(FlowMessageHandler.class);
  private static final InetSocketAddress UNKNOWN = new InetSocketAddress(0);

  private final FlowPacketParser parser;
  private final FlowEncoders encoders;
  private final EventPublisher publisher;
  private final AgencyRegistry agencies;
  private final FlowMetrics metrics;
  private final Clock clock;
  private final String input;
  private final long dropAbove;
  private final ExporterLogLimiter logLimiter;

  /**
   * @param input written to {@code soc.input}, for example {@link FlowServer#INPUT_NETFLOW}
   * @param encoders where a datagram's records are encoded and handed to {@code publisher}
   * @param dropAbove events in flight (queued for encoding or in the publisher) above which datagrams are
   *     dropped unparsed (counted)
   */
  public FlowMessageHandler(FlowPacketParser parser, FlowEncoders encoders, EventPublisher publisher,
      AgencyRegistry agencies, FlowMetrics metrics, Clock clock, String input, long dropAbove,
      Duration errorLogInterval) {
    this.parser = parser;
    this.encoders = encoders;
    this.publisher = publisher;
    this.agencies = agencies;
    this.metrics = metrics;
    this.clock = clock;
    this.input = input;
    this.dropAbove = dropAbove;
    this.logLimiter = new ExporterLogLimiter(clock, errorLogInterval, 10_000);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FlowDatagram datagram) {
    InetSocketAddress exporter = datagram.exporter();
    FlowMetrics.ExporterCounters counters = metrics.forExporter(exporter);
    counters.add(FlowMetrics.Kind.PACKETS, 1);
    if (publisher.inFlight() + encoders.queuedRecords() > dropAbove) {
      counters.add(FlowMetrics.Kind.DROPPED, 1);
      return;
    }
    Instant now = clock.instant();
    FlowParseResult result;
    try {
      result = parser.parse(exporter, datagram.bytes());
    } catch (FlowException e) {
      failed(e);
      return;
    }
    // Counted before publishing, so whoever sees an event also sees it counted.
    List<FlowRecord> records = result.records();
    counters.add(FlowMetrics.Kind.RECORDS, records.size());
    counters.add(FlowMetrics.Kind.TEMPLATES, result.templates());
    if (result.countMismatch()) {
      counters.add(FlowMetrics.Kind.COUNT_MISMATCH, 1);
    }
    for (FlowException e : result.problems()) {
      failed(e);
    }
    if (records.isEmpty()) {
      return;
    }
    // Once per datagram: the agency, and what every event of the datagram shares.
    FlowEventEncoder.Datagram shared = encoders.datagram(agencies.lookup(exporter.getAddress()), now, input);
    if (!encoders.offer(records, shared, counters)) {
      counters.add(FlowMetrics.Kind.RECORDS, -records.size());
      counters.add(FlowMetrics.Kind.DROPPED, 1);
    }
  }

  private void failed(FlowException e) {
    InetSocketAddress exporter = e.exporter() == null ? UNKNOWN : e.exporter();
    metrics.error(exporter, e.kind());
    long suppressed = logLimiter.permit(exporter);
    if (suppressed >= 0) {
      LOG.warn("flow export from {} not decoded [{}]: {}{}", exporter, e.kind(), e.getMessage(),
          suppressed > 0 ? " (" + suppressed + " more suppressed since the last report)" : "");
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    InetSocketAddress local = ctx.channel().localAddress() instanceof InetSocketAddress a ? a : UNKNOWN;
    metrics.add(local, FlowMetrics.Kind.CHANNEL_ERRORS, 1);
    if (logLimiter.permit(local) >= 0) {
      LOG.error("{} socket {} error, still serving", input, local, cause);
    }
  }
}
