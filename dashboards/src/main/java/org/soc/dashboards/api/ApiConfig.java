package org.soc.dashboards.api;

/**
 * Triage API settings.
 *
 * @param bindHost address to listen on (loopback by default: put a reverse proxy with authentication in front
 *     before exposing it)
 * @param port HTTP port, 8080 by default
 * @param elasticsearchUrl where the alert and event indices live
 */
public record ApiConfig(String bindHost, int port, String elasticsearchUrl) {
  public static final int DEFAULT_PORT = 8080;
}
