package org.soc.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

class QuietStreamWatermarkGeneratorTest {
  private final ManualClock clock = new ManualClock(1_000_000);
  private final RecordingOutput out = new RecordingOutput();
  private final QuietStreamWatermarkGenerator<String> generator =
      new QuietStreamWatermarkGenerator<>(Duration.ofSeconds(2), Duration.ofSeconds(5), clock);

  @Test
  void trailsTheNewestEventByTheOutOfOrderness() {
    generator.onEvent("a", 10_000, out);
    generator.onEvent("b", 12_000, out);
    generator.onEvent("c", 11_000, out);
    generator.onPeriodicEmit(out);
    assertThat(out.watermarks).containsExactly(12_000L - 2_000 - 1);
  }

  @Test
  void quietStreamFlushesToTheNewestEventThenGoesIdle() {
    generator.onEvent("a", 10_000, out);
    generator.onPeriodicEmit(out);
    clock.advanceTime(Duration.ofMillis(4_999));
    generator.onPeriodicEmit(out);
    assertThat(out.watermarks).containsExactly(7_999L);
    assertThat(out.idle).isFalse();

    clock.advanceTime(Duration.ofMillis(1));
    generator.onPeriodicEmit(out);
    assertThat(out.watermarks).containsExactly(7_999L, 10_000L);
    assertThat(out.idle).isFalse();

    generator.onPeriodicEmit(out);
    assertThat(out.idle).isTrue();
  }

  @Test
  void newEventsReactivateWithoutMovingTheWatermarkBack() {
    generator.onEvent("a", 10_000, out);
    clock.advanceTime(Duration.ofSeconds(6));
    generator.onPeriodicEmit(out);
    generator.onPeriodicEmit(out);
    assertThat(out.idle).isTrue();

    generator.onEvent("b", 10_500, out);
    assertThat(out.idle).isFalse();
    generator.onPeriodicEmit(out);
    assertThat(out.watermarks).containsExactly(10_000L); // 10_500 - 2_001 would go back: not emitted

    generator.onEvent("c", 20_000, out);
    generator.onPeriodicEmit(out);
    assertThat(out.watermarks).containsExactly(10_000L, 17_999L);
  }

  @Test
  void partitionWithoutEventsGoesIdleAfterTheTimeout() {
    generator.onPeriodicEmit(out);
    assertThat(out.idle).isFalse();
    clock.advanceTime(Duration.ofSeconds(5));
    generator.onPeriodicEmit(out);
    assertThat(out.watermarks).isEmpty();
    assertThat(out.idle).isTrue();
  }

  static final class RecordingOutput implements WatermarkOutput {
    final List<Long> watermarks = new ArrayList<>();
    boolean idle;

    @Override
    public void emitWatermark(Watermark watermark) {
      watermarks.add(watermark.getTimestamp());
      idle = false;
    }

    @Override
    public void markIdle() {
      idle = true;
    }

    @Override
    public void markActive() {
      idle = false;
    }
  }
}
