package org.soc.distribution;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.core.execution.JobClient;
import org.soc.alerting.elasticsearch.IndexTemplates;
import org.soc.correlation.CorrelationConfig;
import org.soc.correlation.SessionClusterSubmitter;

/**
 * {@code bin/soc job submit --jobmanager host:port [--parallelism N] [--config config/soc.yml] [--job-jar JAR]}:
 * submits the correlation job — the one {@code bin/soc up} runs in-process — to a Flink session cluster through
 * its JobManager's REST endpoint ({@link SessionClusterSubmitter}), built from the SOC configuration: Kafka
 * ({@code kafka.bootstrap}, {@code kafka.events_topic}), Elasticsearch ({@code elasticsearch.url}), the agency
 * registry, asset criticality and intel lists, and {@code correlation.*}. Those addresses must be reachable from
 * the TaskManagers; the files are read here and travel with the job.
 *
 * <p>Before submitting it does what {@code bin/soc up} does before starting the job: creates the events topic and
 * installs the index templates. {@code --jobmanager} defaults to {@code correlation.jobmanager} unless that is
 * {@code local}; {@code --parallelism} to {@code correlation.parallelism}; the job jar to the {@code soc.job.jar}
 * system property ({@code bin/soc} points it at {@code correlation/target/soc-correlation-*-job.jar}).
 */
public final class JobSubmit {
  static final String USAGE =
      "usage: bin/soc job submit --jobmanager host:port [--parallelism N] [--config config/soc.yml] [--job-jar JAR]";

  private JobSubmit() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The parsed command line. */
  record Options(Path configFile, String jobManager, Integer parallelism, Path jobJar) {}

  /** Parses {@code submit ...}; null (and the usage on {@code err}) when the command line is wrong. */
  static Options parse(String[] args, Path home, PrintStream err) {
    if (args.length == 0 || !"submit".equals(args[0])) {
      err.println(USAGE);
      return null;
    }
    Path configFile = home.resolve("config/soc.yml");
    String jobManager = null;
    Integer parallelism = null;
    String jar = System.getProperty("soc.job.jar");
    Path jobJar = jar == null || jar.isBlank() ? null : Path.of(jar);
    for (int i = 1; i < args.length; i++) {
      String option = args[i];
      if (i + 1 >= args.length) {
        err.println("soc: " + option + " needs a value");
        err.println(USAGE);
        return null;
      }
      String value = args[++i];
      switch (option) {
        case "--jobmanager" -> jobManager = value;
        case "--config" -> configFile = Path.of(value).toAbsolutePath();
        case "--job-jar" -> jobJar = Path.of(value).toAbsolutePath();
        case "--parallelism" -> {
          try {
            parallelism = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            parallelism = -1;
          }
          if (parallelism < 1) {
            err.println("soc: --parallelism must be a positive number, got " + value);
            return null;
          }
        }
        default -> {
          err.println("soc: unknown option " + option);
          err.println(USAGE);
          return null;
        }
      }
    }
    return new Options(configFile, jobManager, parallelism, jobJar);
  }

  /** The job's settings: the SOC configuration's, with the command line's parallelism. */
  static CorrelationConfig correlationConfig(SocConfig config, Path home, Integer parallelism) {
    CorrelationConfig c = SocRuntime.correlationConfig(config, home, config.kafka().bootstrap(),
        config.elasticsearch().url());
    return parallelism == null ? c : c.withParallelism(parallelism);
  }

  /** The JobManager to submit to: the command line's, else the configuration's unless {@code local}; or null. */
  static String jobManager(Options options, SocConfig config) {
    if (options.jobManager() != null) {
      return options.jobManager();
    }
    String configured = config.correlation().jobmanager();
    return "local".equals(configured) ? null : configured;
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Path home = Path.of(System.getProperty("soc.home", ".")).toAbsolutePath().normalize();
    Options options = parse(args, home, err);
    if (options == null) {
      return 2;
    }
    SocConfig config = new SocConfigLoader().load(options.configFile());
    String jobManager = jobManager(options, config);
    if (jobManager == null) {
      err.println("soc: no JobManager: give --jobmanager host:port (or set correlation.jobmanager in "
          + options.configFile() + ")");
      return 2;
    }
    if (options.jobJar() == null || !Files.isRegularFile(options.jobJar())) {
      err.println("soc: job jar not found (" + options.jobJar() + "); build it with bin/soc build");
      return 2;
    }
    CorrelationConfig correlation = correlationConfig(config, home, options.parallelism());
    try {
      EventsTopic.ensure(correlation.kafkaBootstrapServers(), correlation.topic(), config.kafka().partitions());
      IndexTemplates.install(correlation.elasticsearchUrls(), config.elasticsearch().embedded() ? 0 : 1);
      JobClient job = SessionClusterSubmitter.submit(jobManager, correlation, options.jobJar());
      out.println("soc: submitted correlation job " + job.getJobID() + " to " + jobManager + " (parallelism "
          + correlation.parallelism() + ", Kafka " + correlation.kafkaBootstrapServers() + " topic "
          + correlation.topic() + ", Elasticsearch " + String.join(",", correlation.elasticsearchUrls()) + ")");
      out.println("soc: status: curl http://" + jobManager + "/jobs/" + job.getJobID());
      return 0;
    } catch (Exception e) {
      err.println("soc: submitting to " + jobManager + " failed: " + e);
      return 1;
    }
  }
}
