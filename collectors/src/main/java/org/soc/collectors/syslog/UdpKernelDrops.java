package org.soc.collectors.syslog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Datagrams the Linux kernel dropped before the collector could read them (receive buffer full), from the
 * {@code drops} column of {@code /proc/net/udp} and {@code /proc/net/udp6}, summed over every socket bound to
 * the port (the SO_REUSEPORT group). Counts since the sockets were opened. Pure parsing, no channel.
 */
final class UdpKernelDrops {
  private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));

  private UdpKernelDrops() {}

  /** Drops of the sockets on {@code port}, or -1 when the tables cannot be read (not Linux). */
  static long forPort(int port) {
    long total = 0;
    boolean read = false;
    for (Path table : TABLES) {
      try {
        total += forPort(Files.readAllLines(table), port);
        read = true;
      } catch (IOException | RuntimeException e) {
        // udp6 is missing without IPv6; a table that is not there has no sockets of ours.
      }
    }
    return read ? total : -1;
  }

  /** Sums the drops column of the lines of one table whose local port is {@code port}. */
  static long forPort(List<String> lines, int port) {
    long total = 0;
    for (int i = 1; i < lines.size(); i++) {
      String[] f = lines.get(i).trim().split("\\s+");
      if (f.length < 13) {
        continue;
      }
      String local = f[1];
      int colon = local.lastIndexOf(':');
      if (colon < 0 || Integer.parseInt(local.substring(colon + 1), 16) != port) {
        continue;
      }
      total += Long.parseLong(f[f.length - 1]);
    }
    return total;
  }
}
