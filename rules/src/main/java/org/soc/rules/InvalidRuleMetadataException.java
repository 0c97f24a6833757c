package org.soc.rules;

/** A rule's metadata YAML is unreadable or inconsistent; the message names the file. */
public class InvalidRuleMetadataException extends RuntimeException {
  public InvalidRuleMetadataException(String message, Throwable cause) {
    super(message, cause);
  }
}
