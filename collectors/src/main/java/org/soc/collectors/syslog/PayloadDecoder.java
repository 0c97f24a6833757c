package org.soc.collectors.syslog;

import java.util.List;
import java.util.Optional;

/**
 * Extracts ECS fields from the free-text MSG of one kind of program (sshd, sudo, a firewall...). Pure and
 * thread-safe; {@link SyslogMessageParser} asks every decoder whose {@link #appliesTo} accepts the program
 * name, in order, and keeps the first result.
 */
public interface PayloadDecoder {

  /** @param program APP-NAME (RFC 5424) or TAG (RFC 3164); never null */
  boolean appliesTo(String program);

  /** The fields the message carries, or empty when it is not one of the lines this decoder knows. */
  Optional<Decoded> decode(String message);

  /**
   * ECS fields found in a message; null or empty means "not set".
   *
   * @param category {@code event.category}
   * @param type {@code event.type}
   * @param action {@code event.action}
   * @param outcome {@code event.outcome}: {@code success}, {@code failure} or {@code unknown}
   */
  record Decoded(
      List<String> category,
      List<String> type,
      String action,
      String outcome,
      String userName,
      String sourceIp,
      Integer sourcePort) {
    public Decoded {
      category = category == null ? List.of() : List.copyOf(category);
      type = type == null ? List.of() : List.copyOf(type);
    }
  }
}
