package org.soc.collectors.syslog;

/** The syslog server could not start (bind failed, port in use). */
public final class SyslogServerException extends RuntimeException {
  public SyslogServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
