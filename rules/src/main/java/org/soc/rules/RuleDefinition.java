package org.soc.rules;

import java.io.Serializable;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  private static final Pattern LABEL_BY_NAME = Pattern.compile("\\blabel\\s*\\(\\s*\"([^\"\\\\]*)\"\\s*\\)");
  private static final Pattern ANY_LABEL_ACCESS = Pattern.compile("\\blabel\\s*\\(|\\blabels\\b|\\bgetLabels\\b");

  public String id() {
    return metadata.id();
  }

  /**
   * The labels this rule can read: those its DRL names as {@code label("name")} and those its match filter
   * tests ({@code labels.<name>}). Null when the DRL reaches labels any other way (a {@code label(...)} call
   * with anything but a string literal, {@code labels}, {@code getLabels()}): then every label may matter. The
   * job routes a fact with only the labels some loaded rule reads, so a flow does not carry its export labels
   * through the rules' state.
   */
  public Set<String> labelsRead() {
    Set<String> names = new TreeSet<>();
    Matcher byName = LABEL_BY_NAME.matcher(drl);
    int literalCalls = 0;
    while (byName.find()) {
      names.add(byName.group(1));
      literalCalls++;
    }
    Matcher any = ANY_LABEL_ACCESS.matcher(drl);
    int accesses = 0;
    while (any.find()) {
      accesses++;
    }
    if (accesses != literalCalls) {
      return null;
    }
    for (String field : metadata.match().conditions().keySet()) {
      if (field.startsWith(FactFilter.LABELS)) {
        names.add(field.substring(FactFilter.LABELS.length()));
      }
    }
    return Set.copyOf(names);
  }
}
