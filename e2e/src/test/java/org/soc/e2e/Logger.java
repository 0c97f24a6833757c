package org.soc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** util-linux {@code logger}, the syslog client an agency sysadmin tries first. */
final class Logger {
  static final Path BINARY = Path.of("/usr/bin/logger");

  private Logger() {}

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** Sends {@code message} {@code times} times to 127.0.0.1:port with the given transport flag (-d or -T). */
  static void send(int port, String transportFlag, String message, int times) throws IOException, InterruptedException {
    for (int i = 0; i < times; i++) {
      List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-n", "127.0.0.1", "-P",
          String.valueOf(port), transportFlag, message));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("logger finished").isTrue();
      assertThat(process.exitValue())
          .as("logger exit code: " + new String(process.getInputStream().readAllBytes()))
          .isZero();
    }
  }
}
