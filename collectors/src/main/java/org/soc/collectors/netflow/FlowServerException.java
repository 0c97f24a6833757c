package org.soc.collectors.netflow;

/** A flow listener could not be started (port in use, no permission). */
public final class FlowServerException extends RuntimeException {
  public FlowServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
