package org.soc.collectors.netflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.soc.agency.Agency;
import org.soc.schema.EncodedEvent;
import org.soc.schema.Event;
import org.soc.schema.EventJson;

/**
 * The flow collector writes its ECS documents itself, without an {@link Event}; these hold its bytes to being
 * exactly the schema's document: read back as an {@link Event} and written again by the schema's own writer,
 * they give the same JSON (same fields, types and formats, nothing extra, nothing lost).
 */
class FlowEventEncoderTest {
  private final EventJson json = new EventJson();
  private final ObjectMapper trees = new ObjectMapper();

  static Stream<Arguments> packets() {
    List<Arguments> all = new ArrayList<>();
    List<byte[]> good = FlowFixtures.goodPackets();
    all.add(Arguments.of("fixtures: v5, v9 (sampling, IPv6), IPFIX (options)", good));
    for (int version : new int[] {5, 9, 10}) {
      all.add(Arguments.of("softflowd v" + version, FlowFixtures.softflowdCapture(version)));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("packets")
  void writesTheCanonicalDocumentOfTheSchemasEvent(String name, List<byte[]> datagrams) throws IOException {
    FlowWorld w = new FlowWorld();
    int flows = 0;
    for (byte[] datagram : datagrams) {
      FlowParseResult r = w.parser.parse(FlowFixtures.ROUTER, datagram);
      assertThat(r.problems()).isEmpty();
      // Through the encoder's cache of per-sender fragments, as the collector does (from the second datagram
      // on, the fragments are the cached ones).
      FlowEventEncoder.Datagram shared =
          w.encoder.datagram(FlowFixtures.HEALTH, FlowFixtures.NOW, FlowServer.INPUT_NETFLOW);
      for (FlowRecord record : r.records()) {
        EncodedEvent encoded = w.encoder.encode(record, shared);
        Event event = json.fromBytes(encoded.json());
        assertThat(trees.readTree(encoded.json())).as(new String(encoded.json()))
            .isEqualTo(trees.readTree(json.toBytes(event)));
        assertThat(encoded.organizationId()).isEqualTo("health").isEqualTo(event.organizationId());
        flows++;
      }
    }
    assertThat(flows).isPositive();
  }

  @Test
  void documentOfAV5FlowHasEveryEcsFieldAndTheRawCountersAsLabels() throws IOException {
    FlowWorld w = new FlowWorld();
    FlowRecord record = w.parser.parse(FlowFixtures.ROUTER, FlowFixtures.v5(10)).records().get(0);
    JsonNode doc = trees.readTree(w.encoder.encode(record,
        new FlowEventEncoder.Datagram(FlowFixtures.HEALTH, FlowFixtures.NOW, FlowServer.INPUT_NETFLOW)).json());
    assertThat(doc.at("/event/id").asText()).matches("[0-9a-f]{32}");
    assertThat(doc.at("/event/kind").asText()).isEqualTo("event");
    assertThat(doc.at("/event/category/0").asText()).isEqualTo("network");
    assertThat(doc.at("/event/type/0").asText()).isEqualTo("connection");
    assertThat(doc.at("/event/ingested").asText()).isEqualTo("2025-03-14T10:00:00Z");
    assertThat(doc.at("/event/dataset").asText()).isEqualTo("netflow");
    assertThat(doc.at("/source/ip").asText()).isEqualTo(record.sourceAddress().getHostAddress());
    assertThat(doc.at("/destination/ip").asText()).isEqualTo(record.destinationAddress().getHostAddress());
    assertThat(doc.at("/source/bytes").asLong()).isEqualTo(record.bytes() * 10);
    assertThat(doc.at("/network/bytes").asLong()).isEqualTo(record.bytes() * 10);
    assertThat(doc.at("/network/iana_number").isTextual()).isTrue();
    assertThat(doc.at("/labels/netflow.bytes_raw").asText()).isEqualTo(Long.toString(record.bytes()));
    assertThat(doc.at("/labels/netflow.sampling_interval").asText()).isEqualTo("10");
    assertThat(doc.at("/labels/netflow.version").asText()).isEqualTo("5");
    assertThat(doc.at("/observer/ip").asText()).isEqualTo("10.10.0.1");
    assertThat(doc.at("/observer/type").asText()).isEqualTo("netflow");
    assertThat(doc.at("/organization/name").asText()).isEqualTo("Ministry of Health");
    assertThat(doc.at("/soc/input").asText()).isEqualTo("netflow-udp");
  }

  @Test
  void everyFlowGetsItsOwnIdFromTheGenerator() {
    FlowWorld w = new FlowWorld();
    List<FlowRecord> records = w.parser.parse(FlowFixtures.ROUTER, FlowFixtures.v5(0)).records();
    FlowEventEncoder.Datagram shared =
        new FlowEventEncoder.Datagram(FlowFixtures.HEALTH, FlowFixtures.NOW, FlowServer.INPUT_NETFLOW);
    List<String> ids = new ArrayList<>();
    for (FlowRecord r : records) {
      ids.add(json.fromBytes(w.encoder.encode(r, shared).json()).id());
    }
    List<String> expected = new ArrayList<>();
    var generator = FlowFixtures.ids();
    for (int i = 0; i < records.size(); i++) {
      expected.add(generator.next(FlowFixtures.NOW));
    }
    assertThat(records).hasSizeGreaterThan(1);
    assertThat(ids).isEqualTo(expected).doesNotHaveDuplicates();
  }

  @Test
  void flowsOfAnUnknownExporterAreKeyedAndLabelledUnknown() {
    FlowWorld w = new FlowWorld();
    FlowRecord record = w.parser.parse(FlowFixtures.ROUTER, FlowFixtures.v5(0)).records().get(0);
    Agency unknown = FlowFixtures.registry().lookup(java.net.InetAddress.getLoopbackAddress());
    EncodedEvent e = w.encoder.encode(record,
        new FlowEventEncoder.Datagram(unknown, FlowFixtures.NOW, FlowServer.INPUT_IPFIX));
    Event event = json.fromBytes(e.json());
    assertThat(e.organizationId()).isEqualTo(event.organizationId()).isEqualTo(unknown.organization().id());
    assertThat(event.soc().input()).isEqualTo("ipfix-udp");
  }
}
