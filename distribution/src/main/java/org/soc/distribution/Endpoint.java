package org.soc.distribution;

/** Something the SOC listens on, as printed by {@code bin/soc up} and checked by {@code bin/soc status}. */
public record Endpoint(String name, String protocol, String host, int port) {
  @Override
  public String toString() {
    return String.format("%-28s %-5s %s:%d", name, protocol, host, port);
  }
}
