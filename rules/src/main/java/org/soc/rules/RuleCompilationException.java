package org.soc.rules;

import java.util.List;

/** A rule set that does not compile, or whose DRL does not match its metadata; carries the compiler messages. */
public class RuleCompilationException extends RuntimeException {
  private final List<String> messages;

  public RuleCompilationException(String summary, List<String> messages) {
    super(summary + ":\n  " + String.join("\n  ", messages));
    this.messages = List.copyOf(messages);
  }

  /** The compiler's messages (file, line, text), one per entry. */
  public List<String> messages() {
    return messages;
  }
}
