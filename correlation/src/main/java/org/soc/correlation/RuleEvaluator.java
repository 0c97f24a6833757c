package org.soc.correlation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.soc.correlation.control.RuleSetStatus;
import org.soc.correlation.control.RuleSetUpdate;
import org.soc.correlation.control.RuleSetValidator;
import org.soc.rules.DroolsRuleEngine;
import org.soc.rules.RuleDefinition;
import org.soc.rules.RuleEngine;
import org.soc.rules.RuleMatch;
import org.soc.rules.RuleMetadata;
import org.soc.rules.RuleSet;
import org.soc.rules.SecurityEvent;
import org.soc.schema.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the rules of every key space of one input ({@code events} or {@code alerts}) on event time, and turns
 * their matches into alerts. Keyed by {@link RoutedFact#routingKey()} (key space id + key).
 *
 * <ul>
 *   <li>One compiled rule set per key space (only that space's rules) and one Drools session per key space and
 *       subtask, on a pseudo clock.
 *   <li>Facts wait in keyed state ({@code pending}) until the watermark passes their timestamp (an event-time timer
 *       per timestamp). Timers fire in timestamp order across all keys of the subtask, so facts reach a session in
 *       event-time order and its clock follows the timers: never ahead of the watermark, never back.
 *   <li>Inserted facts stay in keyed state ({@code window}) while inside the longest rule window, so that after a
 *       restore or a rule swap — sessions are not checkpointed — a key's facts are re-inserted into the new
 *       session the first time the key is touched (what that replay fires was emitted before and is discarded).
 *   <li>The open alert per rule lives in keyed state ({@code openAlerts}) for its suppression window: repeated
 *       firings update it ({@link AlertAssembler}). Only the final version per rule and timer is emitted.
 *   <li>Hot reload: a rule set arriving on the broadcast input ({@link #RULE_SETS}) is compiled at once on this
 *       subtask and swapped in atomically at the first timer at or after its {@code effective_from} (else the
 *       watermark at arrival + 1 ms): every fact up to that event time was evaluated by the old rules, every later
 *       one by the new. Status records ({@value RuleSetStatus#RECEIVED}, {@value RuleSetStatus#ACTIVE}) go to the
 *       side output {@link RuleSetValidator#STATUS}.
 * </ul>
 */
public final class RuleEvaluator extends KeyedBroadcastProcessFunction<String, RoutedFact, RuleSetUpdate, Alert> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RuleEvaluator.class);

  /** Broadcast state of the rule sets: {@value #LATEST} and {@value #PREVIOUS} published sets. */
  public static final MapStateDescriptor<String, RuleSetUpdate> RULE_SETS =
      new MapStateDescriptor<>("rule-sets", Types.STRING, new JsonTypeInfo<>(RuleSetUpdate.class));
  public static final String LATEST = "latest";
  public static final String PREVIOUS = "previous";

  private static final Comparator<SecurityEvent> EVENT_ORDER = Comparator.comparingLong(SecurityEvent::getTimestamp)
      .thenComparing(SecurityEvent::getEventId, Comparator.nullsFirst(Comparator.naturalOrder()));

  private final String input;
  private final List<RuleDefinition> initialRules;

  private transient Active active;
  private transient Active pending;
  private transient long pendingFrom;
  private transient String pendingVersion;
  private transient Set<String> loadedKeys;

  private transient ListState<SecurityEvent> pendingFacts;
  private transient ListState<SecurityEvent> window;
  private transient ValueState<Long> windowOldest;
  private transient ValueState<Long> windowNewest;
  private transient MapState<String, Alert> openAlerts;

  private transient Counter lateEvents;
  private transient Counter matchCount;
  private transient Counter rebuiltKeys;
  private transient Counter foreignMatches;
  private transient Counter withoutKeySpace;
  private transient Counter swaps;

  /** The compiled rules in use: one engine per key space. */
  private static final class Active implements AutoCloseable {
    final String fingerprint;
    final Map<String, RuleEngine> engines = new LinkedHashMap<>();
    final AlertAssembler assembler;
    final long retentionMillis;
    final List<String> ruleIds;

    Active(List<RuleDefinition> rules, String input) {
      fingerprint = RuleSet.fingerprint(rules);
      Map<String, RuleMetadata> metadata = new LinkedHashMap<>();
      long retention = 0;
      for (Map.Entry<String, List<RuleDefinition>> space : KeySpace.group(rules, input).entrySet()) {
        RuleSet set = RuleSet.compile(space.getValue());
        engines.put(space.getKey(), new DroolsRuleEngine(set));
        metadata.putAll(set.metadataById());
        retention = Math.max(retention, set.longestWindow().toMillis());
      }
      assembler = new AlertAssembler(metadata);
      retentionMillis = retention;
      ruleIds = List.copyOf(metadata.keySet());
    }

    @Override
    public void close() {
      engines.values().forEach(RuleEngine::close);
    }
  }

  /**
   * @param input {@link RuleMetadata#INPUT_EVENTS} or {@link RuleMetadata#INPUT_ALERTS}: whose rules this runs
   * @param initialRules the rules until a rule set is published
   */
  public RuleEvaluator(String input, List<RuleDefinition> initialRules) {
    this.input = input;
    this.initialRules = List.copyOf(initialRules);
  }

  @Override
  public void open(OpenContext openContext) {
    loadedKeys = new HashSet<>();
    pendingFacts = getRuntimeContext().getListState(
        new ListStateDescriptor<>("pending", SecurityEventTypeInfo.INSTANCE));
    window = getRuntimeContext().getListState(new ListStateDescriptor<>("window", SecurityEventTypeInfo.INSTANCE));
    windowOldest = getRuntimeContext().getState(new ValueStateDescriptor<>("windowOldest", Types.LONG));
    windowNewest = getRuntimeContext().getState(new ValueStateDescriptor<>("windowNewest", Types.LONG));
    openAlerts = getRuntimeContext().getMapState(
        new MapStateDescriptor<>("openAlerts", Types.STRING, JsonTypeInfo.ALERT));
    var metrics = getRuntimeContext().getMetricGroup();
    lateEvents = metrics.counter("lateEventsForRules");
    matchCount = metrics.counter("ruleMatches");
    rebuiltKeys = metrics.counter("rebuiltKeys");
    foreignMatches = metrics.counter("foreignKeyMatches");
    withoutKeySpace = metrics.counter("factsForUnloadedKeySpace");
    swaps = metrics.counter("ruleSetSwaps");
  }

  /** First use: the latest published set if the broadcast state was restored with one, else the initial rules. */
  private void ensureActive(ReadOnlyBroadcastState<String, RuleSetUpdate> state) throws Exception {
    if (active != null) {
      return;
    }
    RuleSetUpdate latest = state.get(LATEST);
    if (latest != null) {
      try {
        active = new Active(latest.definitions(), input);
        return;
      } catch (RuntimeException e) {
        LOG.error("restored rule set {} does not compile here; using the initial rules", latest.version(), e);
      }
    }
    active = new Active(initialRules, input);
  }

  @Override
  public void processElement(RoutedFact fact, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
    ensureActive(ctx.getBroadcastState(RULE_SETS));
    SecurityEvent event = fact.fact();
    pendingFacts.add(event);
    if (event.getTimestamp() <= ctx.timerService().currentWatermark()) {
      lateEvents.inc();
    }
    ctx.timerService().registerEventTimeTimer(event.getTimestamp());
  }

  @Override
  public void processBroadcastElement(RuleSetUpdate update, Context ctx, Collector<Alert> out) throws Exception {
    BroadcastState<String, RuleSetUpdate> state = ctx.getBroadcastState(RULE_SETS);
    ensureActive(state);
    RuleSetUpdate latest = state.get(LATEST);
    if (latest != null) {
      state.put(PREVIOUS, latest);
    }
    state.put(LATEST, update);
    int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    Instant now = Instant.ofEpochMilli(ctx.currentProcessingTime());
    Active compiled;
    try {
      compiled = new Active(update.definitions(), input);
    } catch (RuntimeException e) {
      // Validated upstream; only a difference between JVMs could get here. Keep running the old rules.
      LOG.error("rule set {} does not compile on subtask {}; keeping {}", update.version(), subtask,
          active.fingerprint, e);
      ctx.output(RuleSetValidator.STATUS, new RuleSetStatus(null, update.version(), RuleSetStatus.REJECTED,
          operatorName(), subtask, List.of(), List.of(String.valueOf(e.getMessage())), null, now));
      return;
    }
    if (pending != null) {
      pending.close();
    }
    pending = compiled;
    pendingVersion = update.version();
    pendingFrom = update.effectiveFrom() != null ? update.effectiveFrom() : ctx.currentWatermark() + 1;
    ctx.output(RuleSetValidator.STATUS, new RuleSetStatus(compiled.fingerprint, update.version(),
        RuleSetStatus.RECEIVED, operatorName(), subtask, compiled.ruleIds, List.of(), Instant.ofEpochMilli(pendingFrom), now));
  }

  private String operatorName() {
    return "rules-" + input;
  }

  /** Swaps in the pending rule set when event time reached its start. */
  private void maybeSwap(long timestamp, OnTimerContext ctx) {
    if (pending == null || timestamp < pendingFrom) {
      return;
    }
    active.close();
    active = pending;
    pending = null;
    loadedKeys.clear();
    swaps.inc();
    int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    LOG.info("subtask {} of {} evaluates rule set {} (version {}) from event time {}", subtask, operatorName(),
        active.fingerprint, pendingVersion, Instant.ofEpochMilli(timestamp));
    ctx.output(RuleSetValidator.STATUS, new RuleSetStatus(active.fingerprint, pendingVersion, RuleSetStatus.ACTIVE,
        operatorName(), subtask, active.ruleIds, List.of(),
        Instant.ofEpochMilli(pendingFrom), Instant.ofEpochMilli(ctx.currentProcessingTime())));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
    ensureActive(ctx.getBroadcastState(RULE_SETS));
    maybeSwap(timestamp, ctx);
    String routingKey = ctx.getCurrentKey();
    String key = KeySpace.keyOf(routingKey);
    RuleEngine engine = active.engines.get(KeySpace.spaceOf(routingKey));
    if (engine == null) {
      // A key space no rule of the active set uses (the router still routes to the previous set's spaces).
      for (SecurityEvent ignored : pendingFacts.get()) {
        withoutKeySpace.inc();
      }
      pendingFacts.clear();
      clearWindow();
      openAlerts.clear();
      loadedKeys.remove(routingKey);
      return;
    }
    if (!loadedKeys.contains(routingKey)) {
      rebuild(engine);
      loadedKeys.add(routingKey);
    }

    List<SecurityEvent> due = new ArrayList<>();
    List<SecurityEvent> later = new ArrayList<>();
    for (SecurityEvent e : pendingFacts.get()) {
      (e.getTimestamp() <= timestamp ? due : later).add(e);
    }
    String organizationName = null;
    if (!due.isEmpty()) {
      due.sort(EVENT_ORDER);
      pendingFacts.update(later);
      long oldest = Long.MAX_VALUE;
      long newest = Long.MIN_VALUE;
      for (SecurityEvent e : due) {
        engine.insert(e);
        window.add(e);
        oldest = Math.min(oldest, e.getTimestamp());
        newest = Math.max(newest, e.getTimestamp());
        if (e.getOrganizationName() != null) {
          organizationName = e.getOrganizationName();
        }
      }
      windowBounds();
      windowOldest.update(Math.min(oldest, windowOldest.value() == null ? Long.MAX_VALUE : windowOldest.value()));
      windowNewest.update(Math.max(newest, windowNewest.value() == null ? Long.MIN_VALUE : windowNewest.value()));
    }
    engine.advanceTo(timestamp);

    AlertAssembler assembler = active.assembler;
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

    cleanUp(timestamp, routingKey, ctx);
  }

  /** Re-inserts this key's retained facts into the (new) session; what they fire was emitted before. */
  private void rebuild(RuleEngine engine) throws Exception {
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

  /**
   * Drops what this key no longer needs. The retained facts ({@code window}) are pruned in batches — once the
   * oldest is more than {@link #pruneSlack} past the retention — so that a busy key (a popular server in a
   * destination key space) costs O(1) amortised per timer instead of a scan of its whole window every time; facts
   * kept up to that slack longer are harmless (a rebuilt session expires them by its own windows).
   */
  private void cleanUp(long now, String key, OnTimerContext ctx) throws Exception {
    long retentionMillis = active.retentionMillis;
    long horizon = now - retentionMillis;
    windowBounds();
    Long newest = windowNewest.value();
    boolean windowEmpty = newest == null || newest < horizon;
    if (windowEmpty) {
      clearWindow();
    } else if (windowOldest.value() < horizon - pruneSlack(retentionMillis)) {
      List<SecurityEvent> kept = new ArrayList<>();
      long oldest = Long.MAX_VALUE;
      for (SecurityEvent e : window.get()) {
        if (e.getTimestamp() >= horizon) {
          kept.add(e);
          oldest = Math.min(oldest, e.getTimestamp());
        }
      }
      window.update(kept);
      windowOldest.update(oldest);
    }
    long nextAlertClose = Long.MAX_VALUE;
    Iterator<Map.Entry<String, Alert>> it = openAlerts.iterator();
    while (it.hasNext()) {
      Alert alert = it.next().getValue();
      if (active.assembler.stillOpen(alert, now)) {
        nextAlertClose = Math.min(nextAlertClose, active.assembler.closesAt(alert));
      } else {
        it.remove();
      }
    }
    boolean hasPending = pendingFacts.get().iterator().hasNext();
    if (windowEmpty && nextAlertClose == Long.MAX_VALUE && !hasPending) {
      clearWindow();
      openAlerts.clear();
      pendingFacts.clear();
      loadedKeys.remove(key);
      return;
    }
    if (!windowEmpty) {
      // Rounded up to the pruning slack: one clean-up timer per key and slack, not one per fact.
      long slack = pruneSlack(retentionMillis);
      long due = newest + retentionMillis + 1;
      ctx.timerService().registerEventTimeTimer(due + Math.floorMod(-due, slack));
    }
    if (nextAlertClose != Long.MAX_VALUE) {
      ctx.timerService().registerEventTimeTimer(nextAlertClose);
    }
  }

  /** Batch size of the window pruning, in event time: a tenth of the retention, at least a second. */
  static long pruneSlack(long retentionMillis) {
    return Math.max(1_000, retentionMillis / 10);
  }

  /** Sets the window's bounds from its content when they are not known (state of an older version). */
  private void windowBounds() throws Exception {
    if (windowNewest.value() != null) {
      return;
    }
    long oldest = Long.MAX_VALUE;
    long newest = Long.MIN_VALUE;
    for (SecurityEvent e : window.get()) {
      oldest = Math.min(oldest, e.getTimestamp());
      newest = Math.max(newest, e.getTimestamp());
    }
    if (newest != Long.MIN_VALUE) {
      windowOldest.update(oldest);
      windowNewest.update(newest);
    }
  }

  private void clearWindow() {
    window.clear();
    windowOldest.clear();
    windowNewest.clear();
  }

  @Override
  public void close() {
    if (active != null) {
      active.close();
    }
    if (pending != null) {
      pending.close();
    }
  }
}
