package org.soc.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads rules as data: each rule is a DRL file and a metadata YAML file with the same base name, side by side.
 * Built-in rules live on the classpath under {@code rules/}, listed in {@code rules/index.txt} (a jar cannot be
 * listed); operators may point at a directory of their own.
 *
 * <p>Metadata layout:
 *
 * <pre>
 * id: soc-ssh-bruteforce            # also the DRL rule name
 * name: SSH brute force
 * description: ...
 * severity: high                    # low | medium | high | critical
 * risk_score: 73                    # 0..100
 * category: authentication
 * threat:
 *   framework: MITRE ATT&amp;CK
 *   technique: {id: T1110, name: Brute Force}
 *   tactic: {id: TA0006, name: Credential Access}
 * correlation:
 *   key: [organization.id, source.ip]
 *   window: 60s                     # 500ms, 60s, 10m, 1h or ISO-8601 (PT1M)
 *   threshold: 5
 *   suppression: 10m
 *   max_event_ids: 100              # optional
 *   min_facts: 5                    # optional, 1..threshold (default 1): facts of a key with fewer in the
 *                                   # window wait outside the engine; only for rules that cannot fire on fewer
 *   input: events                   # optional: events (default) or alerts (rules over the event rules' alerts)
 *   match:                          # optional: the facts the rule can use (FactFilter); default all
 *     event.category: authentication
 *     event.outcome: [failure, success]
 * </pre>
 *
 * A key of {@code []} is the global key space; a key without {@code organization.id} raises national alerts.
 */
public final class RuleLoader {
  public static final String CLASSPATH_DIR = "rules/";
  public static final String INDEX = CLASSPATH_DIR + "index.txt";

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final ObjectMapper yaml =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The rules shipped in this jar. */
  public List<RuleDefinition> builtIn() {
    ClassLoader loader = RuleLoader.class.getClassLoader();
    List<RuleDefinition> rules = new ArrayList<>();
    for (String line : readClasspath(loader, INDEX).split("\n")) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      String drlPath = CLASSPATH_DIR + name + ".drl";
      String ymlPath = CLASSPATH_DIR + name + ".yml";
      RuleMetadata metadata;
      try (InputStream in = loader.getResourceAsStream(ymlPath)) {
        if (in == null) {
          throw new InvalidRuleMetadataException("classpath:" + ymlPath + " missing for " + drlPath, null);
        }
        metadata = parseMetadata(in, "classpath:" + ymlPath);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      rules.add(new RuleDefinition(metadata, readClasspath(loader, drlPath), "classpath:" + drlPath));
    }
    return List.copyOf(rules);
  }

  /** Every {@code *.drl} in a directory with its {@code *.yml}, in file name order. */
  public List<RuleDefinition> fromDirectory(Path dir) {
    List<RuleDefinition> rules = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path drl : files.filter(p -> p.getFileName().toString().endsWith(".drl")).sorted().toList()) {
        String base = drl.getFileName().toString().replaceFirst("\\.drl$", "");
        Path yml = drl.resolveSibling(base + ".yml");
        if (!Files.exists(yml)) {
          throw new InvalidRuleMetadataException(yml + " missing for " + drl, null);
        }
        RuleMetadata metadata;
        try (InputStream in = Files.newInputStream(yml)) {
          metadata = parseMetadata(in, yml.toString());
        }
        rules.add(new RuleDefinition(metadata, Files.readString(drl, StandardCharsets.UTF_8), drl.toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rules from " + dir, e);
    }
    return List.copyOf(rules);
  }

  /**
   * Rules from file contents by name (as published on the control topic): every {@code <base>.drl} with its
   * {@code <base>.yml}, in name order; {@code origin} prefixes each file name in messages. Other names are
   * rejected, so a typo does not silently drop a rule.
   */
  public List<RuleDefinition> fromFiles(java.util.Map<String, String> files, String origin) {
    java.util.SortedMap<String, String> sorted = new java.util.TreeMap<>(files);
    List<RuleDefinition> rules = new ArrayList<>();
    for (String name : sorted.keySet()) {
      if (name.endsWith(".yml")) {
        String base = name.substring(0, name.length() - 4);
        if (!sorted.containsKey(base + ".drl")) {
          throw new InvalidRuleMetadataException(origin + "/" + name + " has no " + base + ".drl", null);
        }
        continue;
      }
      if (!name.endsWith(".drl")) {
        throw new InvalidRuleMetadataException(origin + "/" + name + ": only .drl and .yml files", null);
      }
      String base = name.substring(0, name.length() - 4);
      String yml = sorted.get(base + ".yml");
      if (yml == null) {
        throw new InvalidRuleMetadataException(origin + "/" + base + ".yml missing for " + name, null);
      }
      RuleMetadata metadata = parseMetadata(
          new java.io.ByteArrayInputStream(yml.getBytes(StandardCharsets.UTF_8)), origin + "/" + base + ".yml");
      rules.add(new RuleDefinition(metadata, sorted.get(name), origin + "/" + name));
    }
    return List.copyOf(rules);
  }

  public RuleMetadata parseMetadata(InputStream in, String origin) {
    MetadataFile file;
    try {
      file = yaml.readValue(in, MetadataFile.class);
    } catch (IOException e) {
      throw new InvalidRuleMetadataException(origin + ": " + e.getMessage(), e);
    }
    try {
      if (file == null || file.correlation == null) {
        throw new IllegalArgumentException("correlation section missing");
      }
      ThreatEntry t = file.threat == null ? new ThreatEntry() : file.threat;
      RuleMetadata.Threat threat = new RuleMetadata.Threat(
          t.framework == null ? "MITRE ATT&CK" : t.framework,
          t.technique == null ? null : t.technique.id, t.technique == null ? null : t.technique.name,
          t.tactic == null ? null : t.tactic.id, t.tactic == null ? null : t.tactic.name);
      Correlation c = file.correlation;
      return new RuleMetadata(file.id, file.name, file.description, Severity.parse(file.severity),
          file.riskScore == null ? 0 : file.riskScore, file.category, threat,
          c.key == null ? List.of() : c.key, parseDuration(c.window), c.threshold == null ? 1 : c.threshold,
          parseDuration(c.suppression), c.maxEventIds == null ? RuleMetadata.DEFAULT_MAX_EVENT_IDS : c.maxEventIds, c.input,
          c.match == null ? FactFilter.ALL : new FactFilter(matchConditions(c.match)),
          c.minFacts == null ? 1 : c.minFacts);
    } catch (RuntimeException e) {
      throw new InvalidRuleMetadataException(origin + ": " + e.getMessage(), e);
    }
  }

  /** A match entry's value is one string or a list of them. */
  private static Map<String, List<String>> matchConditions(Map<String, Object> match) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : match.entrySet()) {
      Object v = e.getValue();
      if (v instanceof List<?> list) {
        List<String> values = new ArrayList<>();
        for (Object item : list) {
          if (!(item instanceof String || item instanceof Number || item instanceof Boolean)) {
            throw new IllegalArgumentException("match: " + e.getKey() + ": values must be scalars, got " + item);
          }
          values.add(String.valueOf(item));
        }
        out.put(e.getKey(), values);
      } else if (v instanceof String || v instanceof Number || v instanceof Boolean) {
        out.put(e.getKey(), List.of(String.valueOf(v)));
      } else {
        throw new IllegalArgumentException("match: " + e.getKey() + ": expected a value or a list, got " + v);
      }
    }
    return out;
  }

  /** {@code 500ms}, {@code 60s}, {@code 10m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT1M}). */
  static Duration parseDuration(String text) {
    if (text == null) {
      throw new IllegalArgumentException("duration missing");
    }
    Matcher m = SHORT_DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a duration: " + text, e);
    }
  }

  private static String readClasspath(ClassLoader loader, String path) {
    try (InputStream in = loader.getResourceAsStream(path)) {
      if (in == null) {
        throw new InvalidRuleMetadataException("classpath:" + path + " not found", null);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class MetadataFile {
    public String id;
    public String name;
    public String description;
    public String severity;
    @JsonProperty("risk_score") public Integer riskScore;
    public String category;
    public ThreatEntry threat;
    public Correlation correlation;
  }

  private static final class ThreatEntry {
    public String framework;
    public Ref technique;
    public Ref tactic;
  }

  private static final class Ref {
    public String id;
    public String name;
  }

  private static final class Correlation {
    public List<String> key;
    public String window;
    public Integer threshold;
    public String suppression;
    @JsonProperty("max_event_ids") public Integer maxEventIds;
    public String input;
    public Map<String, Object> match;
    @JsonProperty("min_facts") public Integer minFacts;
  }
}
