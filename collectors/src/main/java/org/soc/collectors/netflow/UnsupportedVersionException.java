package org.soc.collectors.netflow;

import java.net.InetSocketAddress;

/** The datagram's first two bytes are not 5, 9 or 10 (or the datagram is shorter than two bytes). */
public final class UnsupportedVersionException extends FlowException {
  private final int version;

  public UnsupportedVersionException(int version, InetSocketAddress exporter) {
    super("unsupported flow export version " + version, exporter, -1, -1, 0);
    this.version = version;
  }

  public int version() {
    return version;
  }

  @Override
  public String kind() {
    return "unsupported_version";
  }
}
