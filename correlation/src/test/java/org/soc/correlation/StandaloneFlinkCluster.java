package org.soc.correlation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint;
import org.apache.flink.runtime.taskexecutor.TaskManagerRunner;

/**
 * A real standalone Flink session cluster on 127.0.0.1: one JobManager JVM
 * ({@link StandaloneSessionClusterEntrypoint}) and TaskManager JVMs ({@link TaskManagerRunner}) started as child
 * processes from the Flink jars on this test JVM's class path — what a Flink distribution's {@code lib/} holds
 * (Flink and its own dependencies, Log4j), not the job's code, which arrives in the job jar. Configuration in
 * {@code <work>/conf/config.yaml} (the file Flink 2.x reads), free ports, checkpoints under {@code <work>/checkpoints},
 * fixed-delay restarts, fast heartbeats so a killed TaskManager is noticed within seconds; logs in {@code <work>/log}.
 */
final class StandaloneFlinkCluster implements AutoCloseable {
  /** Heap of every cluster JVM. */
  static final String HEAP = "512m";

  private final Path work;
  private final Path conf;
  private final Path logs;
  private final int restPort;
  private final int slotsPerTaskManager;
  private final String classPath;
  private final List<String> jvmFlags;
  private Process jobManager;
  private final Map<String, Process> taskManagers = new LinkedHashMap<>();
  private int taskManagersLaunched;

  StandaloneFlinkCluster(Path work, int slotsPerTaskManager) throws IOException {
    this.work = work;
    this.conf = Files.createDirectories(work.resolve("conf"));
    this.logs = Files.createDirectories(work.resolve("log"));
    this.slotsPerTaskManager = slotsPerTaskManager;
    this.restPort = freePort();
    this.classPath = flinkDistributionClassPath();
    this.jvmFlags = addOpensFlags();
    writeConfig(freePort());
  }

  /** {@code http://127.0.0.1:<rest port>} */
  String restUrl() {
    return "http://127.0.0.1:" + restPort;
  }

  /** {@code 127.0.0.1:<rest port>}, what {@code --jobmanager} takes. */
  String jobManagerAddress() {
    return "127.0.0.1:" + restPort;
  }

  Path checkpoints() {
    return work.resolve("checkpoints");
  }

  /** Starts the JobManager and {@code count} TaskManagers ({@code tm-1}...) and waits until all registered. */
  StandaloneFlinkCluster start(int count, Duration timeout) throws Exception {
    jobManager = launch("jobmanager", StandaloneSessionClusterEntrypoint.class.getName(), List.of());
    for (int i = 1; i <= count; i++) {
      launchTaskManager();
    }
    awaitTaskManagers(count, timeout);
    return this;
  }

  /**
   * What a cluster supervisor (Kubernetes, systemd, YARN) does for a standalone cluster: every TaskManager JVM that
   * has exited — killed, or shut down by Flink's own fatal-error handler — is replaced by a new one ({@code tm-3}...)
   * that registers with the JobManager. Returns one line per replacement (old id, exit code, new id).
   */
  List<String> replaceExitedTaskManagers() throws IOException {
    List<String> replaced = new ArrayList<>();
    for (Map.Entry<String, Process> tm : List.copyOf(taskManagers.entrySet())) {
      if (!tm.getValue().isAlive()) {
        taskManagers.remove(tm.getKey());
        replaced.add(tm.getKey() + " (exit " + tm.getValue().exitValue() + ") -> " + launchTaskManager());
      }
    }
    return replaced;
  }

  private String launchTaskManager() throws IOException {
    String id = "tm-" + (++taskManagersLaunched);
    taskManagers.put(id, launch(id, TaskManagerRunner.class.getName(),
        List.of("-D", TaskManagerOptions.TASK_MANAGER_RESOURCE_ID.key() + "=" + id)));
    return id;
  }

  /** Kills a TaskManager JVM the hard way (SIGKILL): no deregistration, connections just drop. */
  void kill(String taskManager) throws InterruptedException {
    Process p = taskManagers.get(taskManager);
    killForcibly(p);
  }

  /** Ids of the TaskManagers that run at least one slot's tasks (REST {@code /taskmanagers}). */
  List<String> busyTaskManagers() throws Exception {
    List<String> busy = new ArrayList<>();
    for (JsonNode tm : RealStackJobs.flinkRest(restUrl(), "/taskmanagers").path("taskmanagers")) {
      if (tm.path("freeSlots").asInt() < tm.path("slotsNumber").asInt()) {
        busy.add(tm.path("id").asText());
      }
    }
    return busy;
  }

  /** The log files, for a failure message. */
  Path logs() {
    return logs;
  }

  private void awaitTaskManagers(int count, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!jobManager.isAlive()) {
        throw new IllegalStateException("JobManager exited with " + jobManager.exitValue() + "; see " + logs);
      }
      for (Map.Entry<String, Process> tm : taskManagers.entrySet()) {
        if (!tm.getValue().isAlive()) {
          throw new IllegalStateException(tm.getKey() + " exited with " + tm.getValue().exitValue() + "; see "
              + logs);
        }
      }
      try {
        JsonNode tms = RealStackJobs.flinkRest(restUrl(), "/taskmanagers").path("taskmanagers");
        if (tms.size() >= count) {
          return;
        }
        last = tms.size() + " TaskManagers registered";
      } catch (IOException e) {
        last = e.toString(); // REST endpoint not up yet
      }
      Thread.sleep(500); // polling another process's startup
    }
    throw new TimeoutException(count + " TaskManagers not registered within " + timeout + " (" + last + "); see "
        + logs);
  }

  private Process launch(String name, String mainClass, List<String> extraArgs) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xms" + HEAP);
    command.add("-Xmx" + HEAP);
    command.add("-XX:MaxDirectMemorySize=256m");
    command.addAll(jvmFlags);
    command.add("-Dlog.file=" + logs.resolve(name + ".log"));
    command.add("-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri());
    command.add("-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp-" + name)));
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.add("--configDir");
    command.add(conf.toString());
    command.addAll(extraArgs);
    // Under OrphanGuard: a test JVM killed by a timeout must not leave Flink JVMs behind on a 2-core CI machine.
    return new ProcessBuilder(org.soc.stack.OrphanGuard.wrap(command))
        .redirectErrorStream(true)
        .redirectOutput(logs.resolve(name + ".out").toFile())
        .start();
  }

  private void writeConfig(int rpcPort) throws IOException {
    Map<ConfigOption<?>, Object> options = new LinkedHashMap<>();
    options.put(JobManagerOptions.ADDRESS, "127.0.0.1");
    options.put(JobManagerOptions.BIND_HOST, "127.0.0.1");
    options.put(JobManagerOptions.PORT, rpcPort);
    options.put(JobManagerOptions.TOTAL_PROCESS_MEMORY, "1g");
    options.put(RestOptions.ADDRESS, "127.0.0.1");
    options.put(RestOptions.BIND_ADDRESS, "127.0.0.1");
    options.put(RestOptions.PORT, restPort);
    options.put(TaskManagerOptions.HOST, "127.0.0.1");
    options.put(TaskManagerOptions.BIND_HOST, "127.0.0.1");
    options.put(TaskManagerOptions.NUM_TASK_SLOTS, slotsPerTaskManager);
    // The TaskManager's resources, which Flink's start scripts would compute and pass (TaskManagerRunner requires
    // them): small; its JVM gets -Xmx512m from us; no managed memory in use (hashmap state backend).
    options.put(TaskManagerOptions.CPU_CORES, 1.0);
    options.put(TaskManagerOptions.FRAMEWORK_HEAP_MEMORY, "64m");
    options.put(TaskManagerOptions.TASK_HEAP_MEMORY, "256m");
    options.put(TaskManagerOptions.FRAMEWORK_OFF_HEAP_MEMORY, "64m");
    options.put(TaskManagerOptions.TASK_OFF_HEAP_MEMORY, "0m");
    options.put(TaskManagerOptions.MANAGED_MEMORY_SIZE, "16m");
    options.put(TaskManagerOptions.NETWORK_MEMORY_MIN, "32m");
    options.put(TaskManagerOptions.NETWORK_MEMORY_MAX, "32m");
    options.put(TaskManagerOptions.JVM_METASPACE, "192m");
    options.put(TaskManagerOptions.JVM_OVERHEAD_MIN, "64m");
    options.put(TaskManagerOptions.JVM_OVERHEAD_MAX, "64m");
    // One slot per TaskManager first, so that a job of parallelism 2 runs on both.
    options.put(TaskManagerOptions.TASK_MANAGER_LOAD_BALANCE_MODE, "SLOTS");
    options.put(StateBackendOptions.STATE_BACKEND, "hashmap");
    options.put(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints().toUri().toString());
    options.put(CheckpointingOptions.SAVEPOINT_DIRECTORY, work.resolve("savepoints").toUri().toString());
    options.put(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    options.put(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 20);
    options.put(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, "2 s");
    options.put(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, "1 s");
    options.put(HeartbeatManagerOptions.HEARTBEAT_TIMEOUT, "10 s");
    StringBuilder yaml = new StringBuilder("# written by StandaloneFlinkCluster\n");
    options.forEach((option, value) -> yaml.append(option.key()).append(": ").append(value).append('\n'));
    Files.writeString(conf.resolve(GlobalConfiguration.FLINK_CONF_FILENAME), yaml, StandardCharsets.UTF_8);
    Files.writeString(conf.resolve("log4j.properties"), String.join("\n",
        "rootLogger.level = INFO",
        "rootLogger.appenderRef.file.ref = file",
        "appender.file.name = file",
        "appender.file.type = File",
        "appender.file.fileName = ${sys:log.file}",
        "appender.file.layout.type = PatternLayout",
        "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-40c{1.} - %m%n",
        "logger.kafka.name = org.apache.kafka",
        "logger.kafka.level = WARN",
        ""), StandardCharsets.UTF_8);
  }

  /**
   * The class path of a Flink distribution, from this JVM's: Flink's jars but the Kafka connector, Flink's own
   * third-party dependencies, Log4j. Everything else — this project's modules, Drools, the Kafka and Elasticsearch
   * clients, Jackson — the cluster must get from the job jar.
   */
  static String flinkDistributionClassPath() {
    List<String> kept = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String path = entry.replace(File.separatorChar, '/');
      boolean flink = path.contains("/org/apache/flink/") && !path.contains("/flink-connector-kafka/")
          && !path.contains("/flink-test-utils") && !path.endsWith("-tests.jar");
      boolean flinkDependency = FLINK_DEPENDENCIES.stream().anyMatch(path::contains);
      if (flink || flinkDependency) {
        kept.add(entry);
      }
    }
    return kept.stream().collect(Collectors.joining(File.pathSeparator));
  }

  /** Maven paths of the third-party libraries Flink itself depends on (a distribution's flink-dist bundles them). */
  private static final List<String> FLINK_DEPENDENCIES = List.of(
      "/com/esotericsoftware/", "/org/objenesis/", "/org/snakeyaml/", "/org/javassist/", "/tools/profiler/",
      "/commons-cli/", "/commons-collections/", "/commons-io/", "/org/apache/commons/commons-compress/",
      "/org/apache/commons/commons-lang3/", "/org/apache/commons/commons-math3/", "/org/apache/commons/commons-text/",
      "/com/google/code/findbugs/", "/org/xerial/snappy/", "/at/yawk/lz4/",
      "/org/slf4j/slf4j-api/", "/org/apache/logging/log4j/");

  /** The {@code --add-opens} flags this JVM was started with (the parent pom's {@code flink.add.opens}). */
  private static List<String> addOpensFlags() {
    List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens")).toList();
    if (flags.isEmpty()) {
      throw new IllegalStateException("this JVM has no --add-opens flags to pass on (run through failsafe)");
    }
    return flags;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    List<Process> all = new ArrayList<>(taskManagers.values());
    if (jobManager != null) {
      all.add(jobManager);
    }
    for (Process p : all) {
      p.destroy();
    }
    for (Process p : all) {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        killForcibly(p);
      }
    }
  }

  /** SIGKILL to the JVM inside the guard wrapper (and the guard), then to the wrapper itself. */
  private static void killForcibly(Process p) throws InterruptedException {
    List<ProcessHandle> inside = p.descendants().toList();
    inside.forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor(30, TimeUnit.SECONDS);
    for (ProcessHandle h : inside) {
      try {
        h.onExit().get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("process " + h.pid() + " did not exit after SIGKILL", e);
      }
    }
  }
}
