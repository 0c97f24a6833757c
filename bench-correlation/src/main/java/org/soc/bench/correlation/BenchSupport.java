package org.soc.bench.correlation;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.soc.stack.LocalStack;
import org.soc.stack.StackLayout;

/** Options, load average, CPU time and the results file of the correlation benchmarks. */
final class BenchSupport {
  private BenchSupport() {}

  /** {@code --name value} pairs; unknown names are an error (so a typo never runs with a default). */
  static Map<String, String> options(String[] args, Map<String, String> defaults, String usage) {
    Map<String, String> out = new LinkedHashMap<>(defaults);
    for (int i = 0; i < args.length; i++) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : null;
      if (name == null || !defaults.containsKey(name) || i + 1 >= args.length) {
        System.err.println("usage: " + usage);
        System.exit(2);
      }
      out.put(name, args[++i]);
    }
    return out;
  }

  /** Elasticsearch's heap as {@code bin/soc up} gives it (config/soc.yml {@code elasticsearch.heap}). */
  static final String SOC_ELASTICSEARCH_HEAP = "1g";

  /**
   * The local stack on free ports, Elasticsearch with the heap the SOC runs it with (the stack's own default, for
   * tests, is half that: a smaller indexing buffer and more collections than production has).
   */
  static LocalStack localStack(Path workDir) {
    return LocalStack.withFreePorts(StackLayout.fromSystemProperty().validate(), workDir, SOC_ELASTICSEARCH_HEAP);
  }

  /** The three load averages of /proc/loadavg ("1.23 0.98 0.75"), or the JVM's 1-minute figure. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /** CPU time of this JVM (all threads, user + system), nanoseconds. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Appends {@code line} to {@code file}, writing {@code header} first when the file is new; echoes the line. */
  static void result(Path file, String header, String line) throws IOException {
    System.out.println(line);
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    if (!Files.exists(file)) {
      Files.writeString(file, header + "\n", StandardCharsets.UTF_8);
    }
    Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
