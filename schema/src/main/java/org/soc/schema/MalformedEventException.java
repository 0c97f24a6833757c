package org.soc.schema;

/** A byte sequence claimed to be an event document but is not one. */
public class MalformedEventException extends RuntimeException {
  public MalformedEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
