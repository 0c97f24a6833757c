package org.soc.collectors.netflow;

import org.soc.agency.AgencyRegistry;

/** A fresh parser stack per test: clock, metrics, cache, parser, encoder. */
final class FlowWorld {
  final MutableClock clock = new MutableClock(FlowFixtures.NOW);
  final AgencyRegistry registry = FlowFixtures.registry();
  final FlowMetrics metrics = new FlowMetrics(a -> registry.lookup(a).id(), 1000);
  final TemplateCache cache;
  final FlowPacketParser parser;
  final FlowEventEncoder encoder = new FlowEventEncoder(FlowFixtures.ids());

  FlowWorld() {
    this(TemplateCache.Limits.defaults());
  }

  FlowWorld(TemplateCache.Limits limits) {
    cache = new TemplateCache(limits, clock, metrics);
    parser = new FlowPacketParser(cache, clock, FlowLimits.defaults());
  }
}
