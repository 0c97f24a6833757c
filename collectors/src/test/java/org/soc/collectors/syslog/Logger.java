package org.soc.collectors.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** util-linux {@code logger}, the syslog client on every Linux box, run as a real process. */
final class Logger {
  static final Path PATH = Path.of("/usr/bin/logger");

  private Logger() {}

  /** Runs {@code logger -n 127.0.0.1 -P port <args>} and asserts it exits 0 within 10 s. */
  static void send(int port, String... args) throws Exception {
    assumeThat(Files.isExecutable(PATH)).as("util-linux logger installed (bsdutils)").isTrue();
    List<String> command = new ArrayList<>(List.of(PATH.toString(), "-n", "127.0.0.1", "-P", Integer.toString(port)));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("logger finished").isTrue();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(output).isZero();
  }
}
