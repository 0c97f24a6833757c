package org.soc.distribution;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code var/run/soc.json}: what {@code bin/soc up} started, so {@code bin/soc status} can report on it from
 * another process. Removed on clean shutdown; a stale file is recognised by its dead pid.
 */
public final class StatusFile {
  private final Path file;
  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

  public StatusFile(Path dataDir) {
    this.file = dataDir.resolve("run").resolve("soc.json");
  }

  /** Contents of the status file. */
  public record Status(long pid, Instant started, List<Endpoint> endpoints) {}

  public void write(Status status) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling("soc.json.tmp");
      json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), status);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public Optional<Status> read() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(json.readValue(file.toFile(), Status.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }

  /** Prints what runs; returns the process exit code (0 when the SOC runs and every TCP endpoint answers). */
  public int report(Appendable out) throws IOException {
    Optional<Status> status = read();
    if (status.isEmpty()) {
      out.append("soc: not running (no ").append(file.toString()).append(")\n");
      return 3;
    }
    Status s = status.get();
    boolean alive = ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false);
    if (!alive) {
      out.append("soc: not running (stale status file of pid ").append(String.valueOf(s.pid())).append(")\n");
      return 3;
    }
    out.append("soc: running, pid ").append(String.valueOf(s.pid())).append(", since ")
        .append(s.started().toString()).append('\n');
    int exit = 0;
    for (Endpoint e : s.endpoints()) {
      String state;
      if ("udp".equals(e.protocol())) {
        state = "bound";  // UDP cannot be probed without a reply; the process holding it is alive
      } else if (answers(e)) {
        state = "up";
      } else {
        state = "DOWN";
        exit = 1;
      }
      out.append("  ").append(e.toString()).append("  ").append(state).append('\n');
    }
    return exit;
  }

  private static boolean answers(Endpoint e) {
    String host = "0.0.0.0".equals(e.host()) ? "127.0.0.1" : e.host();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, e.port()), 1000);
      return true;
    } catch (IOException ex) {
      return false;
    }
  }
}
