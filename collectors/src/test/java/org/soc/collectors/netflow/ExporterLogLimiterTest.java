package org.soc.collectors.netflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soc.collectors.netflow.FlowFixtures.OTHER_ROUTER;
import static org.soc.collectors.netflow.FlowFixtures.ROUTER;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExporterLogLimiterTest {
  @Test
  void logsOncePerExporterPerMinuteAndReportsWhatWasSuppressed() {
    MutableClock clock = new MutableClock(FlowFixtures.NOW);
    ExporterLogLimiter limiter = new ExporterLogLimiter(clock, Duration.ofMinutes(1), 100);
    assertThat(limiter.permit(ROUTER)).isZero();
    for (int i = 0; i < 99; i++) {
      assertThat(limiter.permit(ROUTER)).isEqualTo(-1);
    }
    assertThat(limiter.permit(OTHER_ROUTER)).as("other exporters are not silenced").isZero();
    clock.advance(Duration.ofSeconds(59));
    assertThat(limiter.permit(ROUTER)).isEqualTo(-1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.permit(ROUTER)).isEqualTo(100);
  }
}
