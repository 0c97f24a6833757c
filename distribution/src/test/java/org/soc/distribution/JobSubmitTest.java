package org.soc.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.soc.correlation.CorrelationConfig;

/**
 * {@code bin/soc job submit}'s command line and the job settings it derives from {@code config/soc.yml}. The
 * submission itself ({@link org.soc.correlation.SessionClusterSubmitter}) is exercised against a real standalone
 * Flink cluster by the correlation module's {@code StandaloneClusterIT}.
 */
class JobSubmitTest {
  @TempDir Path home;
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  @Test
  void parsesJobManagerParallelismConfigAndJar() {
    JobSubmit.Options o = JobSubmit.parse(new String[] {"submit", "--jobmanager", "flink-jm:8081",
        "--parallelism", "4", "--config", "/etc/soc/soc.yml", "--job-jar", "/opt/soc/job.jar"}, home, err);
    assertThat(o).isEqualTo(new JobSubmit.Options(Path.of("/etc/soc/soc.yml"), "flink-jm:8081", 4,
        Path.of("/opt/soc/job.jar")));
  }

  @Test
  void defaultsToTheProjectConfig() {
    JobSubmit.Options o = JobSubmit.parse(new String[] {"submit", "--jobmanager", "127.0.0.1:8081"}, home, err);
    assertThat(o.configFile()).isEqualTo(home.resolve("config/soc.yml"));
    assertThat(o.parallelism()).isNull();
  }

  @Test
  void rejectsAWrongCommandLine() {
    assertThat(JobSubmit.parse(new String[] {}, home, err)).isNull();
    assertThat(JobSubmit.parse(new String[] {"run"}, home, err)).isNull();
    assertThat(JobSubmit.parse(new String[] {"submit", "--jobmanager"}, home, err)).isNull();
    assertThat(JobSubmit.parse(new String[] {"submit", "--parallelism", "0"}, home, err)).isNull();
    assertThat(JobSubmit.parse(new String[] {"submit", "--bogus", "x"}, home, err)).isNull();
    assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains(JobSubmit.USAGE)
        .contains("--parallelism must be a positive number").contains("unknown option --bogus");
  }

  @Test
  void jobSettingsComeFromTheSocConfig() throws Exception {
    Files.createDirectories(home.resolve("config/intel"));
    Files.writeString(home.resolve("config/agencies.yml"), "agencies: []\n");
    Files.writeString(home.resolve("config/assets.yml"), "assets: []\n");
    Files.writeString(home.resolve("config/intel/soc-blocklist.txt"), "192.0.2.1\n");
    Path file = Files.writeString(home.resolve("config/soc.yml"), """
        kafka: {embedded: false, bootstrap: "kafka1:9092,kafka2:9092", events_topic: agency.events}
        elasticsearch: {embedded: false, url: "http://es.soc.example:9200"}
        correlation: {jobmanager: "flink-jm:8081", parallelism: 3, checkpoint_interval: PT10S, group_id: soc-x}
        """);
    SocConfig config = new SocConfigLoader().load(file);

    CorrelationConfig c = JobSubmit.correlationConfig(config, home, null);
    assertThat(c.kafkaBootstrapServers()).isEqualTo("kafka1:9092,kafka2:9092");
    assertThat(c.topic()).isEqualTo("agency.events");
    assertThat(c.groupId()).isEqualTo("soc-x");
    assertThat(c.elasticsearchUrls()).containsExactly("http://es.soc.example:9200");
    assertThat(c.parallelism()).isEqualTo(3);
    assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.agenciesFile()).isEqualTo(home.resolve("config/agencies.yml").toString());
    assertThat(c.assetsFile()).isEqualTo(home.resolve("config/assets.yml").toString());
    assertThat(c.intelFiles()).containsExactly("soc-blocklist=" + home.resolve("config/intel/soc-blocklist.txt"));
    assertThat(JobSubmit.correlationConfig(config, home, 2).parallelism()).as("--parallelism wins").isEqualTo(2);

    JobSubmit.Options noJobManager = JobSubmit.parse(new String[] {"submit"}, home, err);
    assertThat(JobSubmit.jobManager(noJobManager, config)).as("from correlation.jobmanager").isEqualTo("flink-jm:8081");
    assertThat(JobSubmit.jobManager(noJobManager, SocConfig.defaults())).as("local is no cluster").isNull();
  }

  @Test
  void withoutAJobManagerNothingIsSubmitted() throws Exception {
    Path file = Files.writeString(home.resolve("soc.yml"), "");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = JobSubmit.run(new String[] {"submit", "--config", file.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), err);
    assertThat(exit).isEqualTo(2);
    assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("no JobManager");
  }
}
