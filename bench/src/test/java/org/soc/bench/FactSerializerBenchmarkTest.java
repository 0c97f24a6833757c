package org.soc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.soc.correlation.RoutedFact;

/** Smoke test, not a measurement: both serializers give back every routed fact the benchmark uses. */
class FactSerializerBenchmarkTest {
  @Test
  void bothSerializersRoundTripEveryRoutedFact() throws Exception {
    FactSerializerBenchmark bench = new FactSerializerBenchmark();
    bench.setUp();
    for (int i = 0; i < bench.size(); i++) {
      RoutedFact expected = bench.peek();
      assertThat(bench.json()).as("json %d", i).isEqualTo(expected);
    }
    for (int i = 0; i < bench.size(); i++) {
      RoutedFact expected = bench.peek();
      assertThat(bench.binary()).as("binary %d", i).isEqualTo(expected);
    }
    long[] sizes = bench.sizes();
    assertThat(sizes[1]).isLessThan(sizes[0]);
  }
}
