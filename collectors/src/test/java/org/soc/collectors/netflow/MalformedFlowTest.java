package org.soc.collectors.netflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soc.collectors.netflow.FlowFixtures.IPFIX_DOMAIN;
import static org.soc.collectors.netflow.FlowFixtures.OTHER_ROUTER;
import static org.soc.collectors.netflow.FlowFixtures.ROUTER;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.soc.collectors.kafka.InMemoryEventPublisher;

/**
 * One test per malformed input from the issue, through the real pipeline ({@link FlowDatagramDecoder} and
 * {@link FlowMessageHandler} in an {@link EmbeddedChannel}): the failure is counted with its kind, nothing
 * reaches the channel's exception path, and a good packet afterwards still decodes.
 */
class MalformedFlowTest {
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 2055);
  private final FlowWorld w = new FlowWorld();
  private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();
  private final EmbeddedChannel channel = new EmbeddedChannel(
      new FlowDatagramDecoder(65535, w.metrics),
      new FlowMessageHandler(w.parser, new FlowEncoders(w.encoder, publisher, 0, 1), publisher, w.registry, w.metrics, w.clock,
          FlowServer.INPUT_NETFLOW, 100_000, Duration.ofMinutes(1)));

  @AfterEach
  void noExceptionEscaped() {
    channel.checkException();
    assertThat(w.metrics.total(FlowMetrics.Kind.CHANNEL_ERRORS)).isZero();
    channel.finishAndReleaseAll();
  }

  private void send(InetSocketAddress from, byte[] bytes) {
    channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(bytes), LOCAL, from));
  }

  private int drain() throws InterruptedException {
    int n = 0;
    while (publisher.poll(Duration.ZERO) != null) {
      n++;
    }
    return n;
  }

  /** Sends the bad packet, checks it was counted as {@code kind}, then checks good packets still decode. */
  private void assertCountedThenRecovers(byte[] bad, String kind) throws InterruptedException {
    long before = w.metrics.exporter(ROUTER, FlowMetrics.Kind.UNDECODABLE);
    send(ROUTER, bad);
    drain();
    assertThat(w.metrics.errorsByKind()).containsKey(kind);
    assertThat(w.metrics.exporter(ROUTER, FlowMetrics.Kind.UNDECODABLE)).isGreaterThan(before);
    assertThat(w.metrics.agency("health", FlowMetrics.Kind.UNDECODABLE)).isPositive();
    send(ROUTER, FlowFixtures.v9TemplateAndData());
    send(ROUTER, FlowFixtures.ipfixTemplatesAndData());
    send(ROUTER, FlowFixtures.v5(0));
    assertThat(drain()).as("good packets after the bad one").isEqualTo(6);
  }

  private static byte[] v9(Bin flowsets) {
    return FlowFixtures.v9Header(1).bytes(flowsets.build()).build();
  }

  private static byte[] ipfix(Bin sets) {
    return FlowFixtures.ipfix(IPFIX_DOMAIN, sets);
  }

  @Test
  void emptyDatagram() throws InterruptedException {
    assertCountedThenRecovers(new byte[0], "unsupported_version");
  }

  @Test
  void unsupportedVersion() throws InterruptedException {
    assertCountedThenRecovers(new byte[] {0, 8, 0, 1, 2, 3, 4, 5}, "unsupported_version");
  }

  @Test
  void truncatedV5Header() throws InterruptedException {
    assertCountedThenRecovers(Arrays.copyOf(FlowFixtures.v5(0), 23), "corrupt");
  }

  @Test
  void truncatedV5Record() throws InterruptedException {
    assertCountedThenRecovers(Arrays.copyOf(FlowFixtures.v5(0), 24 + 48 + 20), "corrupt");
  }

  @Test
  void truncatedV9Header() throws InterruptedException {
    assertCountedThenRecovers(Arrays.copyOf(FlowFixtures.v9TemplateAndData(), 19), "corrupt");
  }

  @Test
  void truncatedIpfixHeader() throws InterruptedException {
    assertCountedThenRecovers(Arrays.copyOf(FlowFixtures.ipfixTemplatesAndData(), 15), "corrupt");
  }

  @Test
  void v9SetLengthZero() throws InterruptedException {
    // FlowSet ID 256, Length 0: would loop forever if trusted.
    assertCountedThenRecovers(v9(Bin.of().u16(256).u16(0).zeros(8)), "corrupt");
  }

  @Test
  void ipfixSetLengthZero() throws InterruptedException {
    assertCountedThenRecovers(ipfix(Bin.of().u16(2).u16(0).zeros(8)), "corrupt");
  }

  @Test
  void v9SetLengthBeyondPacket() throws InterruptedException {
    assertCountedThenRecovers(v9(Bin.of().u16(0).u16(400).u16(256).u16(1).field(8, 4)), "corrupt");
  }

  @Test
  void ipfixSetLengthBeyondMessage() throws InterruptedException {
    assertCountedThenRecovers(ipfix(Bin.of().u16(2).u16(9000).u16(256).u16(1).field(8, 4)), "corrupt");
  }

  @Test
  void v9TemplateWithZeroFields() throws InterruptedException {
    assertCountedThenRecovers(v9(Bin.of().set(0, Bin.of().u16(256).u16(0))), "corrupt");
  }

  @Test
  void v9TemplateWith65535Fields() throws InterruptedException {
    assertCountedThenRecovers(v9(Bin.of().set(0, Bin.of().u16(256).u16(65535).field(8, 4))), "corrupt");
  }

  @Test
  void ipfixTemplateWith65535Fields() throws InterruptedException {
    assertCountedThenRecovers(ipfix(Bin.of().set(2, Bin.of().u16(256).u16(65535).field(8, 4))), "corrupt");
  }

  @Test
  void fieldLengthZero() throws InterruptedException {
    // A template of only zero-length fields would make every record 0 bytes long.
    assertCountedThenRecovers(v9(Bin.of().set(0, Bin.of().u16(256).u16(1).field(8, 0))), "corrupt");
    assertThat(w.cache.size(ROUTER)).as("only the good template 256 and IPFIX 300").isEqualTo(2);
  }

  @Test
  void v9FieldLength65535() throws InterruptedException {
    assertCountedThenRecovers(v9(Bin.of().set(0, Bin.of().u16(256).u16(1).field(8, 65535))), "corrupt");
  }

  @Test
  void ipfixVariableLengthLongerThanRemaining() throws InterruptedException {
    Bin t = Bin.of().u16(320).u16(2).field(8, 4).field(96, 65535); // sourceIPv4Address, applicationName (var)
    Bin d = Bin.of().ip("10.10.1.1").u8(200).bytes(new byte[10]);  // claims 200 bytes, 10 remain
    assertCountedThenRecovers(ipfix(Bin.of().set(2, t).set(320, d)), "corrupt");
  }

  @Test
  void ipfixThreeByteVariableLengthLongerThanRemaining() throws InterruptedException {
    Bin t = Bin.of().u16(321).u16(1).field(96, 65535);
    Bin d = Bin.of().u8(255).u16(60000).bytes(new byte[20]);         // 3-byte form claiming 60,000 bytes
    assertCountedThenRecovers(ipfix(Bin.of().set(2, t).set(321, d)), "corrupt");
  }

  @Test
  void templateIdBelow256() throws InterruptedException {
    assertCountedThenRecovers(v9(Bin.of().set(0, Bin.of().u16(255).u16(1).field(8, 4))), "corrupt");
  }

  @Test
  void ipfixTemplateIdBelow256() throws InterruptedException {
    assertCountedThenRecovers(ipfix(Bin.of().set(2, Bin.of().u16(17).u16(1).field(8, 4))), "corrupt");
  }

  @Test
  void reservedSetId() throws InterruptedException {
    assertCountedThenRecovers(ipfix(Bin.of().set(5, Bin.of().u32(1))), "corrupt");
  }

  @Test
  void ipfixOptionsScopeCountZero() throws InterruptedException {
    assertCountedThenRecovers(ipfix(Bin.of().set(3, Bin.of().u16(400).u16(1).u16(0).field(149, 4))), "corrupt");
  }

  @Test
  void ipfixMessageLengthLongerThanDatagram() throws InterruptedException {
    byte[] p = FlowFixtures.ipfixTemplatesAndData();
    p[2] = (byte) 0xFF; // Length 0xFF.. > datagram
    assertCountedThenRecovers(p, "corrupt");
  }

  @Test
  void ipfixMessageLengthShorterThanDatagram() throws InterruptedException {
    byte[] p = FlowFixtures.ipfixTemplatesAndData();
    p[2] = 0;
    p[3] = 16; // Length 16: header only, the sets are trailing garbage
    assertCountedThenRecovers(p, "corrupt");
  }

  @Test
  void ipfixMessageLengthBelowHeader() throws InterruptedException {
    byte[] p = FlowFixtures.ipfixTemplatesAndData();
    p[2] = 0;
    p[3] = 3;
    assertCountedThenRecovers(p, "corrupt");
  }

  @Test
  void v5CountLargerThanRecords() throws InterruptedException {
    byte[] p = FlowFixtures.v5(0);
    p[2] = (byte) 0xFF;
    assertCountedThenRecovers(p, "corrupt");
  }

  @Test
  void v9CountDisagreeingIsCountedAndDecoded() throws InterruptedException {
    byte[] p = FlowFixtures.v9TemplateAndData();
    p[3] = 1;
    send(ROUTER, p);
    assertThat(drain()).isEqualTo(2);
    assertThat(w.metrics.exporter(ROUTER, FlowMetrics.Kind.COUNT_MISMATCH)).isEqualTo(1);
  }

  @Test
  void hundredThousandTemplatesFromOneExporterStayBounded() throws InterruptedException {
    send(OTHER_ROUTER, FlowFixtures.v9TemplateOnly());
    int sent = 0;
    for (int sourceId = 0; sent < 100_000; sourceId++) {
      for (int first = 256; first < 65536 && sent < 100_000; first += 8000) {
        Bin set = Bin.of();
        for (int id = first; id < Math.min(first + 8000, 65536) && sent < 100_000; id++, sent++) {
          set.u16(id).u16(1).field(8, 4); // Template ID, Field Count 1, IPV4_SRC_ADDR
        }
        send(ROUTER, Bin.of().u16(9).u16(0).u32(1).u32(1).u32(1).u32(sourceId).set(0, set).build());
      }
    }
    assertThat(w.metrics.exporter(ROUTER, FlowMetrics.Kind.TEMPLATES)).isEqualTo(100_000);
    int quota = w.cache.limits().maxTemplatesPerExporter();
    assertThat(w.cache.size(ROUTER)).isEqualTo(quota);
    assertThat(w.metrics.exporter(ROUTER, FlowMetrics.Kind.TEMPLATES_EVICTED)).isEqualTo(100_000 - quota);
    send(OTHER_ROUTER, FlowFixtures.v9DataOnly(0));
    assertThat(drain()).as("the other exporter's template survived the flood").isEqualTo(2);
    send(ROUTER, FlowFixtures.v9TemplateAndData());
    assertThat(drain()).isEqualTo(2);
  }

  @Test
  void oversizeDatagramIsCountedAndDropped() throws InterruptedException {
    EmbeddedChannel small = new EmbeddedChannel(new FlowDatagramDecoder(100, w.metrics),
        new FlowMessageHandler(w.parser, new FlowEncoders(w.encoder, publisher, 0, 1), publisher, w.registry, w.metrics, w.clock,
            FlowServer.INPUT_NETFLOW, 100_000, Duration.ofMinutes(1)));
    small.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(FlowFixtures.v5(0)), LOCAL, ROUTER));
    assertThat(w.metrics.errorsByKind()).containsEntry("oversize", 1L);
    small.checkException();
    small.finishAndReleaseAll();
  }

  @Test
  void publisherBacklogDropsAndCounts() throws InterruptedException {
    publisher.setInFlight(200_000);
    send(ROUTER, FlowFixtures.v5(0));
    assertThat(drain()).isZero();
    assertThat(w.metrics.exporter(ROUTER, FlowMetrics.Kind.DROPPED)).isEqualTo(1);
    publisher.setInFlight(0);
    send(ROUTER, FlowFixtures.v5(0));
    assertThat(drain()).isEqualTo(2);
  }
}
