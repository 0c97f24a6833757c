package org.soc.correlation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.soc.rules.DroolsRuleEngine;
import org.soc.rules.RuleDefinition;
import org.soc.rules.RuleEngine;
import org.soc.rules.RuleMatch;
import org.soc.rules.RuleSet;
import org.soc.rules.SecurityEvent;
import org.soc.schema.Alert;

/**
 * Runs a group of rules sharing one correlation key on event time, and turns their matches into alerts.
 *
 * <ul>
 *   <li>Events wait in keyed state ({@code pending}) until the watermark passes their timestamp (an event-time
 *       timer per timestamp). Timers fire in timestamp order across all keys of the subtask, so events reach the
 *       subtask's single {@link RuleEngine} (one Drools session per subtask, created in {@link #open}) in event
 *       time order, and the engine's pseudo clock follows the timers: never ahead of the watermark, never back.
 *   <li>Inserted events stay in keyed state ({@code window}) while inside the longest rule window, so that after a
 *       restore — the session itself is not checkpointed — a key's facts are re-inserted into the new session the
 *       first time the key is touched (matches fired by that replay were already emitted and are discarded).
 *   <li>The open alert per rule lives in keyed state ({@code openAlerts}) for its suppression window: repeated
 *       firings update it (see {@link AlertAssembler}). Only the final version per rule and timer is emitted.
 *   <li>A cleanup timer per key drops what left the window and closed alerts, and all state of a quiet key.
 * </ul>
 */
public final class RuleEvaluator extends KeyedProcessFunction<String, SecurityEvent, Alert> {
  private static final long serialVersionUID = 1L;

  private static final Comparator<SecurityEvent> EVENT_ORDER = Comparator.comparingLong(SecurityEvent::getTimestamp)
      .thenComparing(SecurityEvent::getEventId, Comparator.nullsFirst(Comparator.naturalOrder()));

  private final List<RuleDefinition> rules;

  private transient RuleEngine engine;
  private transient AlertAssembler assembler;
  private transient long retentionMillis;
  private transient Set<String> loadedKeys;

  private transient ListState<SecurityEvent> pending;
  private transient ListState<SecurityEvent> window;
  private transient MapState<String, Alert> openAlerts;

  private transient Counter lateEvents;
  private transient Counter matchCount;
  private transient Counter rebuiltKeys;
  private transient Counter foreignMatches;

  public RuleEvaluator(List<RuleDefinition> rules) {
    this.rules = List.copyOf(rules);
  }

  @Override
  public void open(OpenContext openContext) {
    RuleSet ruleSet = RuleSet.compile(rules);
    engine = new DroolsRuleEngine(ruleSet);
    assembler = new AlertAssembler(ruleSet.metadataById());
    retentionMillis = ruleSet.longestWindow().toMillis();
    loadedKeys = new HashSet<>();
    pending = getRuntimeContext().getListState(new ListStateDescriptor<>("pending", JsonTypeInfo.SECURITY_EVENT));
    window = getRuntimeContext().getListState(new ListStateDescriptor<>("window", JsonTypeInfo.SECURITY_EVENT));
    openAlerts = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("openAlerts", Types.STRING, JsonTypeInfo.ALERT));
    var metrics = getRuntimeContext().getMetricGroup();
    lateEvents = metrics.counter("lateEventsForRules");
    matchCount = metrics.counter("ruleMatches");
    rebuiltKeys = metrics.counter("rebuiltKeys");
    foreignMatches = metrics.counter("foreignKeyMatches");
  }

  @Override
  public void processElement(SecurityEvent event, Context ctx, Collector<Alert> out) throws Exception {
    pending.add(event);
    if (event.getTimestamp() <= ctx.timerService().currentWatermark()) {
      lateEvents.inc();
    }
    ctx.timerService().registerEventTimeTimer(event.getTimestamp());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
    String key = ctx.getCurrentKey();
    if (!loadedKeys.contains(key)) {
      rebuild();
      loadedKeys.add(key);
    }

    List<SecurityEvent> due = new ArrayList<>();
    List<SecurityEvent> later = new ArrayList<>();
    for (SecurityEvent e : pending.get()) {
      (e.getTimestamp() <= timestamp ? due : later).add(e);
    }
    String organizationName = null;
    if (!due.isEmpty()) {
      due.sort(EVENT_ORDER);
      pending.update(later);
      for (SecurityEvent e : due) {
        engine.insert(e);
        window.add(e);
        if (e.getOrganizationName() != null) {
          organizationName = e.getOrganizationName();
        }
      }
    }
    engine.advanceTo(timestamp);

    Map<String, Alert> updated = new LinkedHashMap<>();
    for (RuleMatch match : engine.drain()) {
      matchCount.inc();
      if (!match.key().equals(key)) {
        // A rule fired on time alone for another key of this subtask: its state is not reachable from here.
        foreignMatches.inc();
        out.collect(assembler.onMatch(null, match, null));
        continue;
      }
      Alert open = updated.containsKey(match.ruleId()) ? updated.get(match.ruleId()) : openAlerts.get(match.ruleId());
      Alert alert = assembler.onMatch(open, match, organizationName != null ? organizationName
          : open != null && open.organization() != null ? open.organization().name() : null);
      updated.put(match.ruleId(), alert);
    }
    for (Map.Entry<String, Alert> e : updated.entrySet()) {
      openAlerts.put(e.getKey(), e.getValue());
      out.collect(e.getValue());
    }

    cleanUp(timestamp, key, ctx);
  }

  /** Re-inserts this key's retained events into the (new) session; what they fire was emitted before. */
  private void rebuild() throws Exception {
    List<SecurityEvent> retained = new ArrayList<>();
    for (SecurityEvent e : window.get()) {
      retained.add(e);
    }
    if (retained.isEmpty()) {
      return;
    }
    rebuiltKeys.inc();
    retained.sort(EVENT_ORDER);
    for (SecurityEvent e : retained) {
      engine.insert(e);
    }
    engine.drain();
  }

  private void cleanUp(long now, String key, OnTimerContext ctx) throws Exception {
    long maxRetained = Long.MIN_VALUE;
    List<SecurityEvent> kept = new ArrayList<>();
    boolean pruned = false;
    for (SecurityEvent e : window.get()) {
      if (e.getTimestamp() >= now - retentionMillis) {
        kept.add(e);
        maxRetained = Math.max(maxRetained, e.getTimestamp());
      } else {
        pruned = true;
      }
    }
    if (pruned) {
      window.update(kept);
    }
    long nextAlertClose = Long.MAX_VALUE;
    Iterator<Map.Entry<String, Alert>> it = openAlerts.iterator();
    while (it.hasNext()) {
      Alert alert = it.next().getValue();
      if (assembler.stillOpen(alert, now)) {
        nextAlertClose = Math.min(nextAlertClose, assembler.closesAt(alert));
      } else {
        it.remove();
      }
    }
    boolean hasPending = pending.get().iterator().hasNext();
    if (kept.isEmpty() && nextAlertClose == Long.MAX_VALUE && !hasPending) {
      window.clear();
      openAlerts.clear();
      pending.clear();
      loadedKeys.remove(key);
      return;
    }
    if (!kept.isEmpty()) {
      ctx.timerService().registerEventTimeTimer(maxRetained + retentionMillis + 1);
    }
    if (nextAlertClose != Long.MAX_VALUE) {
      ctx.timerService().registerEventTimeTimer(nextAlertClose);
    }
  }

  @Override
  public void close() {
    if (engine != null) {
      engine.close();
    }
  }
}
