package org.soc.collectors.netflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.soc.schema.Event;

/**
 * Golden fixtures: real NetFlow v5, v9 and IPFIX datagrams softflowd exported for {@link SoftflowdConversations}
 * (captured by {@link SoftflowdExportIT}), decoded without softflowd and checked flow by flow.
 */
class SoftflowdCaptureTest {
  @ParameterizedTest(name = "softflowd v{0} capture")
  @ValueSource(ints = {5, 9, 10})
  void decodesEveryFlowOfTheCapture(int version) {
    FlowWorld w = new FlowWorld();
    List<Event> events = new ArrayList<>();
    for (byte[] datagram : FlowFixtures.softflowdCapture(version)) {
      FlowParseResult r = w.parser.parse(FlowFixtures.ROUTER, datagram);
      assertThat(r.problems()).isEmpty();
      assertThat(r.countMismatch()).isFalse();
      for (FlowRecord record : r.records()) {
        events.add(w.encoder.toEvent(record, FlowFixtures.HEALTH, FlowFixtures.NOW, FlowServer.INPUT_NETFLOW));
      }
    }
    new SoftflowdConversations().assertMatches(events, version);
  }
}
