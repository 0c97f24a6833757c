package org.soc.collectors.netflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soc.collectors.netflow.FlowFixtures.HEALTH;
import static org.soc.collectors.netflow.FlowFixtures.NOW;
import static org.soc.collectors.netflow.FlowFixtures.ROUTER;

import org.junit.jupiter.api.Test;
import org.soc.schema.Event;

class NetFlowV9ParserTest {
  private final FlowWorld w = new FlowWorld();

  private Event event(FlowRecord r) {
    return w.encoder.toEvent(r, HEALTH, NOW, FlowServer.INPUT_NETFLOW);
  }

  @Test
  void templateThenDataInOnePacketWithPadding() {
    FlowParseResult result = w.parser.parse(ROUTER, FlowFixtures.v9TemplateAndData());
    assertThat(result.problems()).isEmpty();
    assertThat(result.countMismatch()).isFalse();
    assertThat(result.templates()).isEqualTo(1);
    assertThat(result.records()).hasSize(2);
    Event e = event(result.records().get(0));
    assertThat(e.source()).isEqualTo(new Event.Endpoint("10.10.1.5", 51234, 3400L, 12L));
    assertThat(e.destination()).isEqualTo(Event.Endpoint.of("203.0.113.80", 443));
    assertThat(e.network().transport()).isEqualTo("tcp");
    assertThat(e.network().direction()).isEqualTo("ingress");
    // v9 has no unix_nsecs: export at 10:00:00 exactly, FIRST 60 s and LAST 1 s before.
    assertThat(e.event().start()).isEqualTo(NOW.minusSeconds(60));
    assertThat(e.event().end()).isEqualTo(NOW.minusSeconds(1));
    assertThat(e.labels()).containsEntry("source.as.number", "4200000001")
        .containsEntry("network.vlan.id", "120")
        .containsEntry("netflow.source_id", "7")
        .containsEntry("netflow.template_id", "256")
        .containsEntry("netflow.tcp_flags", "0x1b");
    assertThat(w.cache.size(ROUTER)).isEqualTo(1);
  }

  @Test
  void dataBeforeTemplateIsHeldAndDecodedWhenTheTemplateArrives() {
    FlowParseResult early = w.parser.parse(ROUTER, FlowFixtures.v9DataOnly(0));
    assertThat(early.records()).isEmpty();
    assertThat(early.heldSets()).isEqualTo(1);
    assertThat(early.problems()).isEmpty();
    FlowParseResult template = w.parser.parse(ROUTER, FlowFixtures.v9TemplateOnly());
    assertThat(template.records()).hasSize(2);
    assertThat(template.released()).isEqualTo(2);
    assertThat(template.countMismatch()).isFalse();
    assertThat(w.cache.pendingBytes()).isZero();
  }

  @Test
  void heldDataExpiresAndIsCountedUndecodable() {
    w.parser.parse(ROUTER, FlowFixtures.v9DataOnly(0));
    w.clock.advance(java.time.Duration.ofSeconds(61));
    w.cache.purgeExpired();
    assertThat(w.metrics.exporter(ROUTER, FlowMetrics.Kind.UNDECODABLE)).isEqualTo(1);
    assertThat(w.metrics.agency("health", FlowMetrics.Kind.UNDECODABLE)).isEqualTo(1);
    assertThat(w.parser.parse(ROUTER, FlowFixtures.v9TemplateOnly()).records()).isEmpty();
  }

  @Test
  void optionsDataSamplingScalesRecordsOfThatSampler() {
    w.parser.parse(ROUTER, FlowFixtures.v9TemplateAndData());
    FlowParseResult options = w.parser.parse(ROUTER, FlowFixtures.v9SamplingOptions());
    assertThat(options.problems()).isEmpty();
    assertThat(options.optionsRecords()).isEqualTo(1);
    assertThat(options.records()).isEmpty();
    Event sampled = event(w.parser.parse(ROUTER, FlowFixtures.v9DataOnly(5)).records().get(0));
    assertThat(sampled.network().bytes()).isEqualTo(340_000L);
    assertThat(sampled.network().packets()).isEqualTo(1_200L);
    assertThat(sampled.labels()).containsEntry("netflow.sampling_interval", "100")
        .containsEntry("netflow.bytes_raw", "3400").containsEntry("netflow.packets_raw", "12");
    Event otherSampler = event(w.parser.parse(ROUTER, FlowFixtures.v9DataOnly(6)).records().get(0));
    assertThat(otherSampler.network().bytes()).isEqualTo(3400L);
  }

  @Test
  void ipv6Record() {
    FlowParseResult result = w.parser.parse(ROUTER, FlowFixtures.v9Ipv6());
    assertThat(result.problems()).isEmpty();
    Event e = event(result.records().get(0));
    assertThat(e.source().ip()).isEqualTo("2001:db8:0:0:0:0:0:5");
    assertThat(e.destination()).isEqualTo(Event.Endpoint.of("2001:db8:ffff:0:0:0:0:1", 22));
    assertThat(e.network().bytes()).isEqualTo(5000L);
    assertThat(e.event().start()).isEqualTo(NOW.minusSeconds(10));
  }

  @Test
  void templatesAreKeyedBySourceIdAndExporterPort() {
    w.parser.parse(ROUTER, FlowFixtures.v9TemplateOnly());
    byte[] otherSource = FlowFixtures.v9DataOnly(0);
    otherSource[19] = 8; // Source ID 8
    assertThat(w.parser.parse(ROUTER, otherSource).records()).isEmpty();
    java.net.InetSocketAddress otherPort = new java.net.InetSocketAddress(ROUTER.getAddress(), 50009);
    assertThat(w.parser.parse(otherPort, FlowFixtures.v9DataOnly(0)).records()).isEmpty();
    assertThat(w.parser.parse(ROUTER, FlowFixtures.v9DataOnly(0)).records()).hasSize(2);
  }

  @Test
  void headerCountThatDisagreesIsFlaggedButDecoded() {
    byte[] p = FlowFixtures.v9TemplateAndData();
    p[3] = 9;
    FlowParseResult result = w.parser.parse(ROUTER, p);
    assertThat(result.records()).hasSize(2);
    assertThat(result.countMismatch()).isTrue();
  }
}
