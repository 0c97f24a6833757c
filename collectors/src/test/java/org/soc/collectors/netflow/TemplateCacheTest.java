package org.soc.collectors.netflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soc.collectors.netflow.FlowFixtures.NOW;
import static org.soc.collectors.netflow.FlowFixtures.OTHER_ROUTER;
import static org.soc.collectors.netflow.FlowFixtures.ROUTER;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateCacheTest {
  private final MutableClock clock = new MutableClock(NOW);
  private final FlowMetrics metrics = new FlowMetrics(a -> FlowFixtures.registry().lookup(a).id(), 100);

  private TemplateCache cache(int perExporter, int total) {
    return new TemplateCache(TemplateCache.Limits.defaults().withTemplates(perExporter, total), clock, metrics);
  }

  private static FlowTemplate template(int id) {
    return new FlowTemplate(id, List.of(new FlowTemplate.Field(8, 4, 0)), 0, false);
  }

  @Test
  void exporterOverItsQuotaEvictsItsOwnLeastRecentlyUsed() {
    TemplateCache c = cache(3, 100);
    c.put(ROUTER, 0, template(256));
    c.put(ROUTER, 0, template(257));
    c.put(ROUTER, 0, template(258));
    c.get(ROUTER, 0, 256); // 257 is now the least recently used
    c.put(ROUTER, 0, template(259));
    assertThat(c.size(ROUTER)).isEqualTo(3);
    assertThat(c.get(ROUTER, 0, 257)).isNull();
    assertThat(c.get(ROUTER, 0, 256)).isNotNull();
    assertThat(metrics.exporter(ROUTER, FlowMetrics.Kind.TEMPLATES_EVICTED)).isEqualTo(1);
    assertThat(metrics.agency("health", FlowMetrics.Kind.TEMPLATES_EVICTED)).isEqualTo(1);
  }

  @Test
  void floodFromOneExporterNeverEvictsAnothersTemplates() {
    TemplateCache c = cache(1024, 4096);
    c.put(OTHER_ROUTER, 0, template(256));
    c.put(OTHER_ROUTER, 1, template(256));
    for (int i = 0; i < 100_000; i++) {
      c.put(ROUTER, i / 60_000, template(256 + i % 60_000));
    }
    assertThat(c.size(ROUTER)).isEqualTo(1024);
    assertThat(c.size()).isEqualTo(1026);
    assertThat(c.get(OTHER_ROUTER, 0, 256)).isNotNull();
    assertThat(c.get(OTHER_ROUTER, 1, 256)).isNotNull();
    assertThat(metrics.exporter(ROUTER, FlowMetrics.Kind.TEMPLATES_EVICTED)).isEqualTo(100_000 - 1024);
    assertThat(metrics.exporter(OTHER_ROUTER, FlowMetrics.Kind.TEMPLATES_EVICTED)).isZero();
  }

  @Test
  void totalLimitEvictsTheLeastRecentlyUsedAnywhere() {
    TemplateCache c = cache(3, 5);
    c.put(ROUTER, 0, template(256));
    c.put(OTHER_ROUTER, 0, template(256));
    c.put(OTHER_ROUTER, 0, template(257));
    c.put(ROUTER, 0, template(257));
    c.get(ROUTER, 0, 256);
    c.put(ROUTER, 0, template(258));
    c.put(OTHER_ROUTER, 0, template(258)); // sixth: OTHER_ROUTER's 256 is the oldest use
    assertThat(c.size()).isEqualTo(5);
    assertThat(c.get(OTHER_ROUTER, 0, 256)).isNull();
    assertThat(c.get(ROUTER, 0, 256)).isNotNull();
  }

  @Test
  void templatesNotRefreshedExpire() {
    TemplateCache c = cache(10, 10);
    c.put(ROUTER, 0, template(256));
    c.put(ROUTER, 0, template(257));
    clock.advance(Duration.ofMinutes(20));
    c.put(ROUTER, 0, template(257)); // refreshed
    c.get(ROUTER, 0, 256);           // used, but use is not a refresh
    clock.advance(Duration.ofMinutes(11));
    assertThat(c.get(ROUTER, 0, 256)).isNull();
    assertThat(c.get(ROUTER, 0, 257)).isNotNull();
    clock.advance(Duration.ofMinutes(30));
    c.purgeExpired();
    assertThat(c.size()).isZero();
    assertThat(c.exporters()).isZero();
    assertThat(metrics.exporter(ROUTER, FlowMetrics.Kind.TEMPLATES_EXPIRED)).isEqualTo(2);
  }

  @Test
  void pendingSetsAreBoundedPerExporterAndInTotal() {
    TemplateCache c = new TemplateCache(
        TemplateCache.Limits.defaults().withPending(2, 10_000, 3 * (100 + 64), Duration.ofSeconds(60)), clock,
        metrics);
    ExportContext ctx = new ExportContext(ROUTER, 9, 0, 0, 0);
    assertThat(c.hold(new TemplateCache.PendingSet(ctx, 300, new byte[100], 20, clock.instant()))).isEmpty();
    assertThat(c.hold(new TemplateCache.PendingSet(ctx, 301, new byte[100], 20, clock.instant()))).isEmpty();
    List<TemplateCache.PendingSet> dropped =
        c.hold(new TemplateCache.PendingSet(ctx, 302, new byte[100], 20, clock.instant()));
    assertThat(dropped).singleElement().extracting(TemplateCache.PendingSet::templateId).isEqualTo(300);
    ExportContext other = new ExportContext(OTHER_ROUTER, 9, 0, 0, 0);
    assertThat(c.hold(new TemplateCache.PendingSet(other, 300, new byte[100], 20, clock.instant()))).isEmpty();
    // Total budget (3 sets) reached: the newcomer is given up, the held ones stay.
    assertThat(c.hold(new TemplateCache.PendingSet(other, 301, new byte[100], 20, clock.instant())))
        .singleElement().extracting(TemplateCache.PendingSet::templateId).isEqualTo(301);
    assertThat(c.takePending(ROUTER, 0, 302)).hasSize(1);
    assertThat(c.takePending(ROUTER, 0, 301)).hasSize(1);
    assertThat(c.pendingBytes()).isEqualTo(164);
  }
}
