package org.soc.correlation;

import java.util.List;
import org.apache.flink.api.java.functions.KeySelector;
import org.soc.rules.RuleMatch;
import org.soc.rules.SecurityEvent;

/**
 * Partitions events by a rule group's correlation key fields (e.g. {@code organization.id}, {@code source.ip}):
 * the values joined as in {@link RuleMatch#keyOf}, so a match's key equals the key of the partition it fired in.
 */
public final class CorrelationKey implements KeySelector<SecurityEvent, String> {
  private static final long serialVersionUID = 1L;

  private final List<String> fields;

  public CorrelationKey(List<String> fields) {
    this.fields = List.copyOf(fields);
  }

  @Override
  public String getKey(SecurityEvent event) {
    return RuleMatch.keyOf(event, fields);
  }

  /** Whether the event has a value for every key field; events without one cannot match the group's rules. */
  public boolean isComplete(SecurityEvent event) {
    for (String field : fields) {
      if (event.field(field) == null) {
        return false;
      }
    }
    return true;
  }

  public List<String> fields() {
    return fields;
  }
}
