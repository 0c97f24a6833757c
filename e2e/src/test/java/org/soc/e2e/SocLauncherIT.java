package org.soc.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.soc.stack.FreePorts;

/**
 * {@code bin/soc up} as a user runs it: one command starts Elasticsearch, Kafka, the collectors, the job and the
 * API; logger's six failed logins become one alert; {@code bin/soc status} reports; SIGTERM (Ctrl-C) stops
 * everything. Ports are free ones instead of the defaults so the test never collides with a running SOC.
 */
class SocLauncherIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private Process soc;

  @AfterEach
  void stop() throws InterruptedException {
    if (soc != null && soc.isAlive()) {
      soc.destroy();
      soc.waitFor(60, TimeUnit.SECONDS);
      soc.destroyForcibly();
    }
  }

  @Test
  void upRunsTheWholeSocUntilStopped() throws Exception {
    assumeTrue(Logger.installed(), "util-linux logger is installed by .ci/run");
    FreePorts ports = new FreePorts();
    int syslog = ports.next();
    int es = ports.next();
    int api = ports.next();
    int kafka = ports.next();
    int tls = ports.next();
    int metrics = ports.next();
    // Elasticsearch runs as the unprivileged soc-es user when we are root: its data dir must be traversable.
    Path data = Files.createTempDirectory(ROOT.resolve("e2e/target"), "launcher-data",
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
    Path config = Files.writeString(data.resolve("soc.yml"), String.format("""
        data_dir: %s
        collectors: {bind_host: 127.0.0.1, syslog_udp_port: %d, syslog_tcp_port: %d, syslog_tls_port: %d,
                     netflow_port: %d, ipfix_port: %d, metrics_port: %d}
        kafka: {port: %d, controller_port: %d}
        elasticsearch: {port: %d, transport_port: %d, heap: 512m}
        api: {port: %d}
        """, data, syslog, syslog, tls, ports.next(), ports.next(), metrics, kafka, ports.next(), es, ports.next(), api));
    Path output = data.resolve("soc-up.out");

    ProcessBuilder up = new ProcessBuilder(ROOT.resolve("bin/soc").toString(), "up", "--config", config.toString())
        .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
    up.environment().put("SOC_NO_BUILD", "1");
    soc = up.start();
    awaitOutput(output, "soc: up.", Duration.ofMinutes(3));
    String banner = Files.readString(output);
    assertThat(banner).contains("127.0.0.1:" + es).contains("127.0.0.1:" + kafka).contains("127.0.0.1:" + syslog)
        .contains("127.0.0.1:" + api).contains("127.0.0.1:" + tls).contains("127.0.0.1:" + metrics);

    Logger.send(syslog, "-d", "sshd[123]: Failed password for root from 203.0.113.7 port 4242 ssh2", 6);
    JsonNode alerts = new Elasticsearch("http://127.0.0.1:" + es).awaitHits("soc-alerts-*",
        "source.ip:\"203.0.113.7\"", Duration.ofSeconds(10),
        hits -> hits.size() == 1 && hits.get(0).at("/_source/alert/count").asLong() >= 5);
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).at("/_source/alert/count").asLong()).isGreaterThanOrEqualTo(5);

    Process status = new ProcessBuilder(ROOT.resolve("bin/soc").toString(), "status", "--config", config.toString())
        .directory(ROOT.toFile()).redirectErrorStream(true).start();
    String statusText = new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(status.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(status.exitValue()).as(statusText).isZero();
    assertThat(statusText).contains("soc: running").contains("elasticsearch").doesNotContain("DOWN");

    soc.destroy(); // SIGTERM, as Ctrl-C would
    assertThat(soc.waitFor(90, TimeUnit.SECONDS)).as("soc stops within 90 s").isTrue();
    assertThat(Files.readString(output)).contains("soc: stopped");
    for (int port : new int[] {es, kafka, syslog, api, tls, metrics}) {
      assertThat(listening(port)).as("port %d closed after shutdown", port).isFalse();
    }
  }

  private static void awaitOutput(Path output, String marker, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      String text = Files.exists(output) ? Files.readString(output) : "";
      if (text.contains(marker)) {
        return;
      }
      if (text.contains("soc: failed to start")) {
        throw new AssertionError("bin/soc up failed:\n" + text);
      }
      Thread.sleep(250); // watching another process's output: nothing to wait on but the file
    }
    throw new AssertionError("no '" + marker + "' within " + timeout + ":\n" + Files.readString(output));
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
