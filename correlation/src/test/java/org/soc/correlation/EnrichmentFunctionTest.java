package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.soc.correlation.enrich.EnrichmentFunction;
import org.soc.correlation.enrich.IntelUpdate;
import org.soc.schema.Event;

/** Enrichment with Flink's broadcast harness: file lists at start, updates through broadcast state. */
class EnrichmentFunctionTest {
  private static final String DIR = "src/test/resources/enrichment/";

  @Test
  void intelUpdatesReplaceListsWhileRunningAndAssetsAndAgenciesBecomeLabels() throws Exception {
    BroadcastOperatorTestHarness<Event, IntelUpdate, Event> harness =
        ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
            new EnrichmentFunction(DIR + "agencies.yml", DIR + "assets.yml",
                List.of(new IntelUpdate("abuse-c2", 0, "198.51.100.66\n"))),
            EnrichmentFunction.INTEL_LISTS);

    harness.processElement(TestEvents.flow("f1", 0, "health", "10.10.5.10", "198.51.100.66", 443), 1L);
    harness.processElement(TestEvents.flow("f2", 0, "health", "10.10.5.11", "192.0.2.44", 443), 2L);
    harness.processBroadcastElement(new IntelUpdate("abuse-c2", 5, "# rotated\n192.0.2.0/24\n"), 3L);
    harness.processBroadcastElement(new IntelUpdate("abuse-c2", 4, "198.51.100.66\n"), 4L); // older: ignored
    harness.processElement(TestEvents.flow("f3", 0, "health", "10.10.0.9", "198.51.100.66", 443), 5L);
    harness.processElement(TestEvents.flow("f4", 0, "health", "10.10.0.9", "192.0.2.44", 443), 6L);

    List<Event> out = harness.extractOutputValues();
    assertThat(out.get(0).labels()).containsEntry("threat.indicator.matched", "destination")
        .containsEntry("threat.indicator.list", "abuse-c2")
        .containsEntry("asset.criticality", "critical").containsEntry("asset.ip", "10.10.5.10")
        .containsEntry("source.organization.id", "health");
    assertThat(out.get(1).labels()).doesNotContainKey("threat.indicator.matched")
        .containsEntry("asset.criticality", "high");
    assertThat(out.get(2).labels()).as("removed by the update").doesNotContainKey("threat.indicator.matched")
        .containsEntry("asset.criticality", "low");
    assertThat(out.get(3).labels()).containsEntry("threat.indicator.ip", "192.0.2.44");
    harness.close();
  }
}
