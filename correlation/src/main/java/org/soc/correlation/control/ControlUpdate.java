package org.soc.correlation.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import org.soc.correlation.enrich.IntelUpdate;

/**
 * One element of the control stream broadcast to the operator that enriches and routes events: an intel list or
 * a validated rule set, exactly one of the two set. One stream for both lets enrichment and routing share an
 * operator (an operator has one broadcast input).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ControlUpdate(IntelUpdate intel, RuleSetUpdate ruleSet) implements Serializable {
  public ControlUpdate {
    if ((intel == null) == (ruleSet == null)) {
      throw new IllegalArgumentException("a control update is an intel list or a rule set, exactly one");
    }
  }

  public static ControlUpdate intel(IntelUpdate update) {
    return new ControlUpdate(update, null);
  }

  public static ControlUpdate ruleSet(RuleSetUpdate update) {
    return new ControlUpdate(null, update);
  }
}
