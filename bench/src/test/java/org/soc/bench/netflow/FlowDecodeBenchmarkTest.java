package org.soc.bench.netflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Smoke test of the benchmark, not a measurement: every capture decodes without problems, and both benchmark
 * methods produce as many flows per replay as the capture holds (so neither measures a failure path).
 */
class FlowDecodeBenchmarkTest {
  private static final Blackhole BLACKHOLE = new Blackhole(
      "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

  @Test
  void everyCaptureDecodesThroughBothPaths() throws NoSuchFieldException {
    String[] captures = FlowDecodeBenchmark.class.getField("capture").getAnnotation(Param.class).value();
    assertThat(captures).containsExactly(FlowCaptures.NAMES);
    for (String capture : captures) {
      FlowDecodeBenchmark bench = new FlowDecodeBenchmark();
      bench.capture = capture;
      bench.setUp();
      assertThat(bench.flowsPerReplay()).as(capture).isGreaterThanOrEqualTo(7);
      FlowDecodeBenchmark.Counts counts = new FlowDecodeBenchmark.Counts();
      bench.parseAndEncode(counts, BLACKHOLE);
      assertThat(counts.flows).as(capture).isEqualTo(bench.flowsPerReplay());
      counts.reset();
      bench.pipeline(counts, BLACKHOLE);
      assertThat(counts.flows).as(capture).isEqualTo(bench.flowsPerReplay());
      bench.tearDown();
    }
  }
}
