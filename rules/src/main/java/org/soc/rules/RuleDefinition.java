package org.soc.rules;

import java.io.Serializable;
import java.util.Objects;

/**
 * One rule as data: its DRL source and its metadata. Serializable so a job graph can carry the rule set and
 * compile it where it runs.
 *
 * @param origin where the DRL came from (classpath or file path), used in compiler messages
 */
public record RuleDefinition(RuleMetadata metadata, String drl, String origin) implements Serializable {
  public RuleDefinition {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(drl, "drl");
    Objects.requireNonNull(origin, "origin");
  }

  public String id() {
    return metadata.id();
  }
}
