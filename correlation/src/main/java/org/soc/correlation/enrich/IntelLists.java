package org.soc.correlation.enrich;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.soc.correlation.JsonTypeInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threat-intelligence lists in effect on one subtask: the lists given at job start (from files, version 0)
 * until a later version of the same list arrives in broadcast state ({@link #STATE}, list name to
 * {@link IntelUpdate}), so an update reaches every subtask and survives restore. Not thread-safe.
 */
public final class IntelLists {
  private static final Logger LOG = LoggerFactory.getLogger(IntelLists.class);

  public static final MapStateDescriptor<String, IntelUpdate> STATE =
      new MapStateDescriptor<>("intel-lists", Types.STRING, new JsonTypeInfo<>(IntelUpdate.class));

  private final List<IntelUpdate> initialLists;
  private ThreatIntel current;

  public IntelLists(List<IntelUpdate> initialLists) {
    this.initialLists = List.copyOf(initialLists);
  }

  /**
   * The lists in effect. Built once from the state and the initial lists, then kept until {@link #apply} changes
   * the state (broadcast state changes only there; after a restore this object is new).
   */
  public ThreatIntel current(ReadOnlyBroadcastState<String, IntelUpdate> state) throws Exception {
    if (current == null) {
      Map<String, IntelUpdate> effective = new TreeMap<>();
      for (IntelUpdate l : initialLists) {
        effective.put(l.list(), l);
      }
      for (Map.Entry<String, IntelUpdate> e : state.immutableEntries()) {
        IntelUpdate initial = effective.get(e.getKey());
        if (initial == null || e.getValue().version() >= initial.version()) {
          effective.put(e.getKey(), e.getValue());
        }
      }
      current = new ThreatIntel(new ArrayList<>(effective.values()));
    }
    return current;
  }

  /** Takes {@code update} into the state unless it is older than the list it would replace or does not parse. */
  public void apply(BroadcastState<String, IntelUpdate> state, IntelUpdate update) throws Exception {
    IntelUpdate known = state.get(update.list());
    long knownVersion = known != null ? known.version() : initialVersion(update.list());
    if (update.version() < knownVersion) {
      return;
    }
    try {
      new ThreatIntel(List.of(update)); // validate before it replaces a working list
    } catch (IllegalArgumentException e) {
      LOG.warn("intel list {} version {} rejected, keeping the previous one: {}", update.list(), update.version(),
          e.getMessage());
      return;
    }
    state.put(update.list(), update);
    LOG.info("intel list {} version {} loaded ({} entries)", update.list(), update.version(),
        ThreatIntel.entries(update.text()).size());
    current = null;
  }

  private long initialVersion(String list) {
    return initialLists.stream().filter(l -> l.list().equals(list)).mapToLong(IntelUpdate::version)
        .max().orElse(Long.MIN_VALUE);
  }
}
