package org.soc.distribution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.soc.correlation.CorrelationConfig;
import org.soc.correlation.control.RuleSetPublisher;
import org.soc.correlation.control.RuleSetStatus;
import org.soc.correlation.control.RuleSetUpdate;
import org.soc.correlation.control.RuleSetUpdateCodec;
import org.soc.rules.RuleCompilationException;
import org.soc.rules.RuleSet;

/**
 * {@code bin/soc rules deploy DIR [--config config/soc.yml]}: publishes every {@code *.drl} + {@code *.yml} of DIR
 * as one rule set to the control topic {@value CorrelationConfig#DEFAULT_RULES_TOPIC} on the configured Kafka. The
 * set is compiled here first, so a broken one is refused before it is published; the running job compiles it
 * again on every subtask and reports what became of it in the {@value RuleSetStatus#INDEX} index.
 */
public final class RulesDeploy {
  private RulesDeploy() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    Path home = Path.of(System.getProperty("soc.home", ".")).toAbsolutePath().normalize();
    Path configFile = home.resolve("config/soc.yml");
    Path dir = null;
    if (args.length < 2 || !"deploy".equals(args[0])) {
      System.err.println("usage: bin/soc rules deploy DIR [--config config/soc.yml]");
      return 2;
    }
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        configFile = Path.of(args[++i]).toAbsolutePath();
      } else if (dir == null) {
        dir = Path.of(args[i]).toAbsolutePath();
      } else {
        System.err.println("soc: unexpected argument " + args[i]);
        return 2;
      }
    }
    if (dir == null || !Files.isDirectory(dir)) {
      System.err.println("soc: not a directory: " + dir);
      return 2;
    }
    SocConfig config = new SocConfigLoader().load(configFile);
    RuleSetUpdate update = RuleSetUpdateCodec.fromDirectory(dir, dir.getFileName() + "@" + Instant.now());
    String fingerprint;
    try {
      RuleSet compiled = RuleSet.compile(update.definitions());
      fingerprint = compiled.fingerprint();
    } catch (RuleCompilationException e) {
      System.err.println("soc: rule set in " + dir + " does not compile, not published:");
      e.messages().forEach(m -> System.err.println("  " + m));
      return 1;
    } catch (RuntimeException e) {
      System.err.println("soc: rule set in " + dir + " is invalid, not published: " + e.getMessage());
      return 1;
    }
    String bootstrap = config.kafka().bootstrap();
    long offset = RuleSetPublisher.publish(bootstrap, CorrelationConfig.DEFAULT_RULES_TOPIC, update);
    System.out.println("soc: published rule set " + fingerprint + " (" + update.files().size() + " files, version "
        + update.version() + ") to " + CorrelationConfig.DEFAULT_RULES_TOPIC + "@" + offset + " on " + bootstrap);
    System.out.println("soc: status per subtask: curl '" + config.elasticsearch().url() + "/"
        + RuleSetStatus.INDEX + "/_search?q=rule_set:" + fingerprint + "'");
    return 0;
  }
}
