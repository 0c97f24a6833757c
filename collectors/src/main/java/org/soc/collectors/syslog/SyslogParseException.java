package org.soc.collectors.syslog;

/**
 * A syslog message that does not follow the format a parser implements. Carries the character offset in the
 * decoded line where parsing stopped and a short machine-readable {@link #type()} that ends up in
 * {@code error.type}. Thrown by the pure parsers and caught only by {@link SyslogMessageParser}, which turns it
 * into an event tagged {@code _parse_failure}.
 */
public final class SyslogParseException extends RuntimeException {
  private final String type;
  private final int offset;

  public SyslogParseException(String type, String message, int offset) {
    super(message + " at offset " + offset);
    this.type = type;
    this.offset = offset;
  }

  /** Short failure class, for example {@code invalid_pri}, {@code invalid_timestamp}, {@code invalid_sd}. */
  public String type() {
    return type;
  }

  /** Character offset in the decoded line where the parser gave up. */
  public int offset() {
    return offset;
  }
}
