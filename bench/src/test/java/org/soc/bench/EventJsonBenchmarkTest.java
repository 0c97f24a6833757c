package org.soc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;
import org.soc.schema.Event;
import org.soc.schema.EventJson;

/** Smoke test, not a measurement: both writers give the same bytes for every event the benchmark uses. */
class EventJsonBenchmarkTest {
  @Test
  void bothWritersAgreeOnEveryEventSet() throws Exception {
    String[] sets = EventJsonBenchmark.class.getField("events").getAnnotation(Param.class).value();
    ObjectMapper reader = EventJson.newMapper();
    for (String set : sets) {
      EventJsonBenchmark bench = new EventJsonBenchmark();
      bench.events = set;
      bench.setUp();
      List<byte[]> databind = new ArrayList<>();
      for (int i = 0; i < bench.size(); i++) {
        databind.add(bench.databind());
      }
      for (int i = 0; i < bench.size(); i++) {
        // The round robin has wrapped: generator() starts again at the first event.
        assertThat(bench.generator()).as("%s event %d", set, i).isEqualTo(databind.get(i));
        assertThat(reader.readValue(databind.get(i), Event.class).tags()).doesNotContain(Event.TAG_PARSE_FAILURE);
      }
    }
  }
}
