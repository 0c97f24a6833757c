package org.soc.rules;

import java.util.Locale;

/** Alert severity label, as in {@code rule.severity}. */
public enum Severity {
  LOW, MEDIUM, HIGH, CRITICAL;

  /** The lowercase label indexed in {@code rule.severity}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Severity parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("severity must be one of low, medium, high, critical: " + text, e);
    }
  }
}
