package org.soc.distribution;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.soc.stack.StackLayout;

/**
 * {@code bin/soc}: {@code up} runs the whole SOC on this machine until Ctrl-C; {@code status} reports on it.
 */
public final class SocLauncher {
  private SocLauncher() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "help" : args[0];
    Path home = Path.of(System.getProperty("soc.home", ".")).toAbsolutePath().normalize();
    Path configFile = home.resolve("config/soc.yml");
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        configFile = Path.of(args[++i]).toAbsolutePath();
      } else {
        System.err.println("soc: unknown option " + args[i]);
        System.exit(2);
      }
    }
    switch (command) {
      case "up" -> System.exit(up(home, configFile));
      case "status" -> {
        SocConfig config = new SocConfigLoader().load(configFile);
        System.exit(new StatusFile(home.resolve(config.dataDir())).report(System.out));
      }
      default -> {
        System.out.println("usage: bin/soc up|status|build [--config config/soc.yml]\n"
            + "       bin/soc rules deploy DIR [--config config/soc.yml]\n"
            + "       bin/soc job submit --jobmanager host:port [--parallelism N] [--config config/soc.yml]");
        System.exit("help".equals(command) ? 0 : 2);
      }
    }
  }

  private static int up(Path home, Path configFile) throws Exception {
    SocConfig config = new SocConfigLoader().load(configFile);
    StatusFile status = new StatusFile(home.resolve(config.dataDir()));
    if (status.read().map(s -> ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false))
        .orElse(false)) {
      System.err.println("soc: already running (see bin/soc status)");
      return 1;
    }
    System.out.println("soc: starting with " + configFile);
    SocRuntime soc = new SocRuntime(config, home, StackLayout.fromSystemProperty(), Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Thread shutdown = new Thread(() -> {
      System.out.println("soc: shutting down...");
      soc.close();
      status.delete();
      System.out.println("soc: stopped");
      stopped.countDown();
    }, "soc-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdown);
    try {
      soc.start();
    } catch (Exception e) {
      System.err.println("soc: failed to start: " + e.getMessage());
      return 1;  // the shutdown hook closes whatever started
    }
    status.write(new StatusFile.Status(ProcessHandle.current().pid(), Instant.now(), soc.endpoints()));
    System.out.println("soc: up. Listening on:");
    soc.endpoints().forEach(e -> System.out.println("  " + e));
    System.out.println("soc: Ctrl-C stops everything.");
    stopped.await();
    return 0;
  }
}
