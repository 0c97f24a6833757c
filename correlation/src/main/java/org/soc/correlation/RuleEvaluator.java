package org.soc.correlation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
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
 * their matches into alerts. Input 1: facts partitioned by {@link RoutedFact#routingKey()} (key space id + key);
 * input 2: published rule sets, broadcast.
 *
 * <ul>
 *   <li>One compiled rule set per key space (only that space's rules) and one Drools session per key space and
 *       subtask, on a pseudo clock.
 *   <li>Facts wait in a queue until the watermark passes their timestamp; then the subtask's due facts go to their
 *       sessions in event-time order (timestamp, event id), so a session's clock follows event time: never ahead
 *       of the watermark, never back. A fact at or behind the watermark on arrival (late) is evaluated at once
 *       and counted. The work is done once per watermark for the whole subtask, not per key: no per-fact timer
 *       and no keyed-state access on the hot path.
 *   <li>Inserted facts are retained while inside the longest window of the rules that can use them
 *       ({@link RuleSet#retentionMillis}: a flow for the scans' minute, a failed login for the brute-force
 *       sequence's 10 minutes). Sessions are not checkpointed: the retained facts, the queued ones and the open
 *       alerts are, as union operator state; a restored or rescaled subtask keeps the entries whose routing key
 *       falls into its key groups (as the keyBy in front routes them) and rebuilds its sessions from the retained
 *       facts (what that replay fires was emitted before and is discarded).
 *   <li>The open alert per rule and key is kept for its suppression window: repeated firings update it
 *       ({@link AlertAssembler}). Each watermark emits the latest version of every alert it changed.
 *   <li>Hot reload: a rule set arriving on input 2 is compiled at once on this subtask and swapped in atomically
 *       at its {@code effective_from} (else the watermark at arrival + 1 ms): every fact up to that event time was
 *       evaluated by the old rules, every later one by the new. Status records ({@value RuleSetStatus#RECEIVED},
 *       {@value RuleSetStatus#ACTIVE}) go to the side output {@link RuleSetValidator#STATUS}.
 * </ul>
 */
public final class RuleEvaluator extends AbstractStreamOperator<Alert>
    implements TwoInputStreamOperator<RoutedFact, RuleSetUpdate, Alert> {
  private static final long serialVersionUID = 2L;
  private static final Logger LOG = LoggerFactory.getLogger(RuleEvaluator.class);

  /** Broadcast state of the rule sets: {@value #LATEST} and {@value #PREVIOUS} published sets. */
  public static final MapStateDescriptor<String, RuleSetUpdate> RULE_SETS =
      new MapStateDescriptor<>("rule-sets", Types.STRING, new JsonTypeInfo<>(RuleSetUpdate.class));
  public static final String LATEST = "latest";
  public static final String PREVIOUS = "previous";

  static final TypeInformation<RoutedFact> ROUTED_FACT = BinaryTypeInfo.ROUTED_FACT;

  /** Event time, then event id, then key space and key: a total order, the same on every run. */
  private static final Comparator<RoutedFact> FACT_ORDER = RuleEvaluator::compareFacts;

  private static int compareFacts(RoutedFact a, RoutedFact b) {
    int c = Long.compare(a.fact().getTimestamp(), b.fact().getTimestamp());
    if (c != 0) {
      return c;
    }
    c = compareNullable(a.fact().getEventId(), b.fact().getEventId());
    if (c != 0) {
      return c;
    }
    c = a.space().compareTo(b.space());
    return c != 0 ? c : a.key().compareTo(b.key());
  }

  private static int compareNullable(String a, String b) {
    return a == null ? (b == null ? 0 : -1) : b == null ? 1 : a.compareTo(b);
  }

  /** An open alert in checkpoints: {@code alertKey} = rule id + routing key. */
  public record OpenAlert(String routingKey, String ruleId, Alert alert) {}

  private final String input;
  private final List<RuleDefinition> initialRules;

  private transient Active active;
  private transient Active pending;
  private transient long pendingFrom;
  private transient String pendingVersion;
  private transient long watermark;

  private transient PendingFacts<RoutedFact> queue;
  /** The retained facts and key gates of each key space. */
  private transient Map<String, RetainedFacts> retained;
  /** Facts that went into an engine, of those admitted (a metric, and the gate's effect in tests). */
  private transient Counter factsIntoEngines;
  /** Open alerts by rule id + routing key. */
  private transient Map<String, OpenAlert> openAlerts;
  private transient long nextAlertClose;
  /** Alerts changed since the last emission, with the event time of their last change. */
  private transient Map<String, StreamRecord<Alert>> changed;

  private transient ListState<RoutedFact> retainedState;
  private transient ListState<RoutedFact> queuedState;
  private transient ListState<OpenAlert> openAlertState;
  private transient List<RoutedFact> restoredRetained;

  private transient Counter lateEvents;
  private transient Counter matchCount;
  private transient Counter rebuiltFacts;
  private transient Counter withoutKeySpace;
  private transient Counter swaps;

  /** The compiled rules in use: one engine per key space. */
  private static final class Active implements AutoCloseable {
    final String fingerprint;
    final Map<String, RuleEngine> engines = new LinkedHashMap<>();
    final Map<String, RuleSet> sets = new LinkedHashMap<>();
    final AlertAssembler assembler;
    final List<String> ruleIds;

    Active(List<RuleDefinition> rules, String input) {
      fingerprint = RuleSet.fingerprint(rules);
      Map<String, RuleMetadata> metadata = new LinkedHashMap<>();
      for (Map.Entry<String, List<RuleDefinition>> space : KeySpace.group(rules, input).entrySet()) {
        RuleSet set = RuleSet.compile(space.getValue());
        engines.put(space.getKey(), new DroolsRuleEngine(set));
        sets.put(space.getKey(), set);
        metadata.putAll(set.metadataById());
      }
      assembler = new AlertAssembler(metadata);
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
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    var backend = context.getOperatorStateStore();
    retainedState = backend.getUnionListState(new ListStateDescriptor<>("retained-facts", ROUTED_FACT));
    queuedState = backend.getUnionListState(new ListStateDescriptor<>("queued-facts", ROUTED_FACT));
    openAlertState = backend.getUnionListState(
        new ListStateDescriptor<>("open-alerts", new JsonTypeInfo<>(OpenAlert.class)));
    queue = new PendingFacts<>(FACT_ORDER, f -> f.fact().getTimestamp());
    retained = new HashMap<>();
    openAlerts = new HashMap<>();
    changed = new LinkedHashMap<>();
    restoredRetained = new ArrayList<>();
    nextAlertClose = Long.MAX_VALUE;
    watermark = Long.MIN_VALUE;
    if (context.isRestored()) {
      // Union state: every subtask sees every entry and keeps those the keyBy in front now routes to it.
      for (RoutedFact f : retainedState.get()) {
        if (mine(f.routingKey())) {
          restoredRetained.add(f);
        }
      }
      for (RoutedFact f : queuedState.get()) {
        if (mine(f.routingKey())) {
          queue.add(f);
        }
      }
      for (OpenAlert a : openAlertState.get()) {
        if (mine(a.routingKey())) {
          openAlerts.put(alertKey(a.ruleId(), a.routingKey()), a);
        }
      }
      restoredRetained.sort(FACT_ORDER);
    }
  }

  private boolean mine(String routingKey) {
    var task = getRuntimeContext().getTaskInfo();
    return KeyGroupRangeAssignment.assignKeyToParallelOperator(routingKey, task.getMaxNumberOfParallelSubtasks(),
        task.getNumberOfParallelSubtasks()) == task.getIndexOfThisSubtask();
  }

  @Override
  public void open() throws Exception {
    super.open();
    var metrics = getMetricGroup();
    lateEvents = metrics.counter("lateEventsForRules");
    matchCount = metrics.counter("ruleMatches");
    rebuiltFacts = metrics.counter("rebuiltFacts");
    withoutKeySpace = metrics.counter("factsForUnloadedKeySpace");
    swaps = metrics.counter("ruleSetSwaps");
    factsIntoEngines = metrics.counter("factsIntoEngines");
    metrics.gauge("queuedFacts", () -> queue.size());
    metrics.gauge("retainedFacts", () -> retained.values().stream().mapToInt(RetainedFacts::size).sum());
    metrics.gauge("openAlerts", () -> openAlerts.size());
    metrics.gauge("factsHeldOutsideTheEngine", this::factsHeldOutsideTheEngine);
  }

  /** First use: the latest published set if the broadcast state was restored with one, else the initial rules. */
  private void ensureActive() throws Exception {
    if (active != null) {
      return;
    }
    RuleSetUpdate latest = ruleSets().get(LATEST);
    if (latest != null) {
      try {
        active = new Active(latest.definitions(), input);
      } catch (RuntimeException e) {
        LOG.error("restored rule set {} does not compile here; using the initial rules", latest.version(), e);
      }
    }
    if (active == null) {
      active = new Active(initialRules, input);
    }
    if (!restoredRetained.isEmpty()) {
      rebuild(restoredRetained);
      restoredRetained = List.of();
    }
    for (OpenAlert a : openAlerts.values()) {
      nextAlertClose = Math.min(nextAlertClose, active.assembler.closesAt(a.alert()));
    }
  }

  private BroadcastState<String, RuleSetUpdate> ruleSets() throws Exception {
    return getOperatorStateBackend().getBroadcastState(RULE_SETS);
  }

  @Override
  public void processElement1(StreamRecord<RoutedFact> element) throws Exception {
    ensureActive();
    RoutedFact fact = element.getValue();
    if (fact.fact().getTimestamp() <= watermark) {
      // The watermark passed it already: waiting cannot put it in order any more.
      lateEvents.inc();
      evaluate(fact);
      emitChanged();
    } else {
      queue.add(fact);
    }
  }

  @Override
  public void processElement2(StreamRecord<RuleSetUpdate> element) throws Exception {
    ensureActive();
    RuleSetUpdate update = element.getValue();
    BroadcastState<String, RuleSetUpdate> state = ruleSets();
    RuleSetUpdate latest = state.get(LATEST);
    if (latest != null) {
      state.put(PREVIOUS, latest);
    }
    state.put(LATEST, update);
    int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    Instant now = Instant.ofEpochMilli(getProcessingTimeService().getCurrentProcessingTime());
    Active compiled;
    try {
      compiled = new Active(update.definitions(), input);
    } catch (RuntimeException e) {
      // Validated upstream; only a difference between JVMs could get here. Keep running the old rules.
      LOG.error("rule set {} does not compile on subtask {}; keeping {}", update.version(), subtask,
          active.fingerprint, e);
      status(new RuleSetStatus(null, update.version(), RuleSetStatus.REJECTED, operatorName(), subtask, List.of(),
          List.of(String.valueOf(e.getMessage())), null, now));
      return;
    }
    if (pending != null) {
      pending.close();
    }
    pending = compiled;
    pendingVersion = update.version();
    pendingFrom = update.effectiveFrom() != null ? update.effectiveFrom() : watermark + 1;
    status(new RuleSetStatus(compiled.fingerprint, update.version(), RuleSetStatus.RECEIVED, operatorName(),
        subtask, compiled.ruleIds, List.of(), Instant.ofEpochMilli(pendingFrom), now));
  }

  private void status(RuleSetStatus status) {
    output.collect(RuleSetValidator.STATUS, new StreamRecord<>(status));
  }

  private String operatorName() {
    return "rules-" + input;
  }

  /** Evaluates every queued fact the watermark passed, in event-time order, then lets time alone act. */
  @Override
  public void processWatermark(Watermark mark) throws Exception {
    ensureActive();
    long time = mark.getTimestamp();
    if (time > watermark) {
      watermark = time;
      queue.releaseUpTo(time, this::evaluate);
      maybeSwap(time);
      for (Map.Entry<String, RuleEngine> e : active.engines.entrySet()) {
        // First what the last facts fired, at their event time (not the watermark's, which depends on when
        // watermarks happen to come: alert times must replay the same).
        collectMatches(e.getKey(), e.getValue());
        if (time != Long.MAX_VALUE) {
          // Time-only firings; the end of input (MAX) is not a time to move a session clock to.
          e.getValue().advanceTo(time);
          collectMatches(e.getKey(), e.getValue());
        }
      }
      expireRetained();
      closeAlerts(time);
      emitChanged();
    }
    super.processWatermark(mark);
  }

  private void evaluate(RoutedFact routed) throws Exception {
    SecurityEvent fact = routed.fact();
    maybeSwap(fact.getTimestamp());
    String space = routed.space();
    RuleEngine engine = active.engines.get(space);
    if (engine == null) {
      // A key space no rule of the active set uses (the router still routes to the previous set's spaces).
      withoutKeySpace.inc();
      return;
    }
    RuleSet.Use use = active.sets.get(space).use(fact);
    if (use.retentionMillis() == 0) {
      withoutKeySpace.inc(); // routed for the previous set's rules; none of the active ones can use it
      return;
    }
    if (fact.getTimestamp() > engine.currentTime()) {
      // The session runs its rules over one event time's facts at once; what the last one fired is due now.
      collectMatches(space, engine);
    }
    admit(routed, engine, use);
  }

  /** Retains {@code routed} and puts it (and any held fact of its key whose need is now met) into the engine. */
  private void admit(RoutedFact routed, RuleEngine engine, RuleSet.Use use) {
    retainedIn(routed.space()).admit(routed, use.retentionMillis(), use.minFacts(), f -> insert(engine, f));
  }

  private RetainedFacts retainedIn(String space) {
    return retained.computeIfAbsent(space, s -> new RetainedFacts());
  }

  private void insert(RuleEngine engine, RoutedFact routed) {
    engine.insert(routed.fact());
    factsIntoEngines.inc();
    String name = routed.fact().getOrganizationName();
    if (name != null) {
      retainedIn(routed.space()).noteOrganizationName(routed.key(), name);
    }
  }

  /**
   * Turns the engine's matches into alert updates, stamped with the session's event time. An alert's agency name
   * comes from the latest fact of its key that went into the session since the last collection, else from the
   * open alert.
   */
  private void collectMatches(String space, RuleEngine engine) {
    List<RuleMatch> matches = engine.drain();
    RetainedFacts facts = retained.get(space);
    Map<String, String> names = facts == null ? Map.of() : facts.takeOrganizationNames();
    if (matches.isEmpty()) {
      return;
    }
    long eventTime = engine.currentTime();
    AlertAssembler assembler = active.assembler;
    for (RuleMatch match : matches) {
      matchCount.inc();
      String routingKey = space + KeySpace.SEPARATOR + match.key();
      String alertKey = alertKey(match.ruleId(), routingKey);
      OpenAlert open = openAlerts.get(alertKey);
      String organizationName = names.get(match.key());
      if (organizationName == null && open != null && open.alert().organization() != null) {
        organizationName = open.alert().organization().name();
      }
      Alert alert = assembler.onMatch(open == null ? null : open.alert(), match, organizationName);
      openAlerts.put(alertKey, new OpenAlert(routingKey, match.ruleId(), alert));
      nextAlertClose = Math.min(nextAlertClose, assembler.closesAt(alert));
      changed.put(alertKey, new StreamRecord<>(alert, eventTime));
    }
  }

  private static String alertKey(String ruleId, String routingKey) {
    return ruleId + KeySpace.SEPARATOR + routingKey;
  }

  private void emitChanged() {
    for (StreamRecord<Alert> record : changed.values()) {
      output.collect(record);
    }
    changed.clear();
  }

  /** Drops retained facts no rule can use any more: their expiry is before their session's clock. */
  private void expireRetained() {
    for (Map.Entry<String, RetainedFacts> e : retained.entrySet()) {
      RuleEngine engine = active.engines.get(e.getKey());
      e.getValue().expireBefore(engine == null ? Long.MAX_VALUE : engine.currentTime());
    }
  }

  /** Forgets alerts whose suppression window closed: a later firing opens a new alert. */
  private void closeAlerts(long time) {
    if (time < nextAlertClose) {
      return;
    }
    long next = Long.MAX_VALUE;
    Iterator<OpenAlert> it = openAlerts.values().iterator();
    while (it.hasNext()) {
      Alert alert = it.next().alert();
      if (active.assembler.stillOpen(alert, time)) {
        next = Math.min(next, active.assembler.closesAt(alert));
      } else {
        it.remove();
      }
    }
    nextAlertClose = next;
  }

  /** Swaps in the pending rule set when event time reached its start, rebuilding the sessions. */
  private void maybeSwap(long timestamp) throws Exception {
    if (pending == null || timestamp < pendingFrom) {
      return;
    }
    List<RoutedFact> facts = new ArrayList<>();
    retained.values().forEach(r -> r.forEach(facts::add));
    facts.sort(FACT_ORDER);
    for (Map.Entry<String, RuleEngine> e : active.engines.entrySet()) {
      collectMatches(e.getKey(), e.getValue()); // what the old rules fired up to the swap
    }
    active.close();
    active = pending;
    pending = null;
    swaps.inc();
    rebuild(facts);
    int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    LOG.info("subtask {} of {} evaluates rule set {} (version {}) from event time {}", subtask, operatorName(),
        active.fingerprint, pendingVersion, Instant.ofEpochMilli(timestamp));
    status(new RuleSetStatus(active.fingerprint, pendingVersion, RuleSetStatus.ACTIVE, operatorName(), subtask,
        active.ruleIds, List.of(), Instant.ofEpochMilli(pendingFrom),
        Instant.ofEpochMilli(getProcessingTimeService().getCurrentProcessingTime())));
  }

  /** Re-inserts retained facts (in event-time order) into the active sessions; what they fire was emitted before. */
  private void rebuild(List<RoutedFact> facts) {
    retained.clear();
    for (RoutedFact routed : facts) {
      RuleEngine engine = active.engines.get(routed.space());
      RuleSet.Use use = engine == null ? RuleSet.Use.NONE : active.sets.get(routed.space()).use(routed.fact());
      if (use.retentionMillis() == 0) {
        continue;
      }
      admit(routed, engine, use);
      rebuiltFacts.inc();
    }
    for (RuleEngine engine : active.engines.values()) {
      engine.drain();
    }
    retained.values().forEach(RetainedFacts::takeOrganizationNames);
    expireRetained();
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    List<RoutedFact> kept = new ArrayList<>();
    retained.values().forEach(r -> r.forEach(kept::add));
    kept.addAll(restoredRetained); // restored but not yet rebuilt (no input since the restore)
    retainedState.update(kept);
    queuedState.update(queue.snapshot());
    openAlertState.update(new ArrayList<>(openAlerts.values()));
  }

  /** Event ids of the retained facts of {@code routingKey} (tests). */
  List<String> retainedEventIds(String routingKey) {
    List<String> ids = new ArrayList<>();
    retained.values().forEach(r -> r.forEach(f -> {
      if (f.routingKey().equals(routingKey)) {
        ids.add(f.fact().getEventId());
      }
    }));
    return ids;
  }

  /** Facts, key gates and open alerts this subtask holds (tests). */
  int heldItems() {
    return queue.size() + retained.values().stream().mapToInt(r -> r.size() + r.keys()).sum() + openAlerts.size();
  }

  /** Retained facts not (yet) in the engine, because their key has fewer facts than their rules need (tests). */
  long factsHeldOutsideTheEngine() {
    return retained.values().stream().mapToLong(RetainedFacts::held).sum();
  }

  /** Facts that went into an engine so far (tests). */
  long factsIntoEngines() {
    return factsIntoEngines.getCount();
  }

  @Override
  public void close() throws Exception {
    if (active != null) {
      active.close();
    }
    if (pending != null) {
      pending.close();
    }
    super.close();
  }
}
