package org.soc.correlation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.soc.rules.SecurityEvent;

/** A fact on its way to one key space: the job keys the evaluator's input by {@link #routingKey()}. */
public record RoutedFact(String space, String key, SecurityEvent fact) {
  @JsonIgnore
  public String routingKey() {
    return space + KeySpace.SEPARATOR + key;
  }
}
