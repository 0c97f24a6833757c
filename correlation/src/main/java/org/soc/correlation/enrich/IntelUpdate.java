package org.soc.correlation.enrich;

import java.io.Serializable;
import java.util.Objects;

/**
 * A threat-intelligence list, whole: its name, a version (later versions replace earlier ones of the same name;
 * a list loaded from a file at job start has version 0, one from the {@code soc.intel} topic its record offset + 1)
 * and its text: one IPv4/IPv6 address or CIDR per line, {@code #} starts a comment.
 */
public record IntelUpdate(String list, long version, String text) implements Serializable {
  public IntelUpdate {
    Objects.requireNonNull(list, "list");
    Objects.requireNonNull(text, "text");
  }
}
