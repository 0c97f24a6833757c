package org.soc.agency;

/** The agency registry file is unreadable or inconsistent; the message names the file and the entry. */
public class InvalidAgencyConfigException extends RuntimeException {
  public InvalidAgencyConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
