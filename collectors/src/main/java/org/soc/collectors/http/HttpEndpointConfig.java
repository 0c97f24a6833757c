package org.soc.collectors.http;

/**
 * Where the collector serves {@code /metrics} (Prometheus text format) and {@code /health}.
 *
 * @param bindHost address to listen on
 * @param port TCP port; default {@value #DEFAULT_PORT} (next to syslog's 5514 and 6514), 0 picks a free one,
 *     negative disables the endpoint
 */
public record HttpEndpointConfig(String bindHost, int port) {
  public static final int DEFAULT_PORT = 9514;

  public HttpEndpointConfig {
    if (bindHost == null || bindHost.isBlank()) {
      throw new IllegalArgumentException("bindHost required");
    }
    if (port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** 0.0.0.0:9514, for the Prometheus server to scrape. */
  public static HttpEndpointConfig defaults() {
    return new HttpEndpointConfig("0.0.0.0", DEFAULT_PORT);
  }

  public static HttpEndpointConfig disabled() {
    return new HttpEndpointConfig("127.0.0.1", -1);
  }

  public boolean enabled() {
    return port >= 0;
  }
}
