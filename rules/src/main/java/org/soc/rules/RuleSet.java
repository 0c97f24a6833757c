package org.soc.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.drools.compiler.kie.builder.impl.DrlProject;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.conf.EventProcessingOption;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;

/**
 * A compiled set of rules: their DRL built into one STREAM-mode {@link KieBase}, with their metadata. Compiling
 * validates the set: DRL errors, a metadata id without a DRL rule of that name, and duplicate ids all raise
 * {@link RuleCompilationException}. Immutable; sessions are created per evaluator with {@link #newSession()}.
 */
public final class RuleSet {
  private static final java.util.regex.Pattern DRL_PACKAGE =
      java.util.regex.Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)");

  /**
   * Drools' KieRepository and the classes it generates for declared types are process-wide; two subtasks compiling
   * the same rule set at once in one JVM race on them ({@code ClassNotFoundException} for a declared type).
   */
  private static final Object COMPILE_LOCK = new Object();

  /** Name of the global every rule reports to. */
  public static final String MATCHES_GLOBAL = "matches";

  private final List<RuleDefinition> definitions;
  private final Map<String, RuleMetadata> metadataById;
  private final KieBase kieBase;
  private final boolean declaresMatchesGlobal;
  /** The rules' filters, windows and gates as arrays: {@link #use} runs for every fact. */
  private final FactFilter[] filters;
  private final long[] windowMillis;
  private final int[] minFacts;

  private RuleSet(List<RuleDefinition> definitions, Map<String, RuleMetadata> metadataById, KieBase kieBase) {
    this.definitions = definitions;
    this.metadataById = metadataById;
    RuleMetadata[] all = metadataById.values().toArray(RuleMetadata[]::new);
    this.filters = new FactFilter[all.length];
    this.windowMillis = new long[all.length];
    this.minFacts = new int[all.length];
    for (int i = 0; i < all.length; i++) {
      filters[i] = all[i].match();
      windowMillis[i] = all[i].window().toMillis();
      minFacts[i] = all[i].minFacts();
    }
    this.kieBase = kieBase;
    this.declaresMatchesGlobal = kieBase.getKiePackages().stream()
        .flatMap(p -> p.getGlobalVariables().stream())
        .map(Global::getName)
        .anyMatch(MATCHES_GLOBAL::equals);
  }

  /** Compiles the built-in rules shipped under {@code rules/} on the classpath. */
  public static RuleSet builtIn() {
    return compile(new RuleLoader().builtIn());
  }

  /** Compiles the given rules into one knowledge base in STREAM mode. Thread-safe (compilations are serialized). */
  public static RuleSet compile(List<RuleDefinition> rules) {
    synchronized (COMPILE_LOCK) {
      return compileLocked(rules);
    }
  }

  private static RuleSet compileLocked(List<RuleDefinition> rules) {
    List<RuleDefinition> definitions = List.copyOf(rules);
    Map<String, RuleMetadata> byId = new LinkedHashMap<>();
    for (RuleDefinition rule : definitions) {
      if (byId.putIfAbsent(rule.id(), rule.metadata()) != null) {
        throw new RuleCompilationException("rule set invalid", List.of("duplicate rule id " + rule.id()));
      }
    }

    KieServices ks = KieServices.Factory.get();
    KieFileSystem kfs = ks.newKieFileSystem();
    // A release id derived from the content: deterministic, and distinct rule sets do not replace each other in
    // the process-wide KieRepository.
    ReleaseId releaseId = ks.newReleaseId("org.soc.rules.generated", "ruleset-" + contentHash(definitions), "1.0.0");
    kfs.generateAndWritePomXML(releaseId);
    // No kmodule.xml (that would need drools-xml-support): the default module, with the STREAM-mode KieBase
    // created from the container below.
    Map<String, String> origins = new LinkedHashMap<>();
    for (int i = 0; i < definitions.size(); i++) {
      RuleDefinition rule = definitions.get(i);
      // The folder follows the DRL package, as Drools expects (it warns otherwise).
      java.util.regex.Matcher pkg = DRL_PACKAGE.matcher(rule.drl());
      String folder = pkg.find() ? pkg.group(1).replace('.', '/') : "rules";
      String path = "src/main/resources/" + folder + "/r" + i + "_" + rule.id().replaceAll("[^A-Za-z0-9_-]", "_")
          + ".drl";
      origins.put(path.substring("src/main/resources/".length()), rule.origin());
      kfs.write(path, rule.drl());
    }
    // DrlProject: the interpreted (MVEL) build; compiling the executable model at run time is much slower.
    KieBuilder builder = ks.newKieBuilder(kfs).buildAll(DrlProject.class);
    List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
    if (!errors.isEmpty()) {
      List<String> messages = new ArrayList<>();
      for (Message m : errors) {
        String path = m.getPath() == null ? "?" : m.getPath();
        messages.add(origins.getOrDefault(path, path) + ":" + m.getLine() + ": " + m.getText().strip());
      }
      throw new RuleCompilationException("rule set does not compile", messages);
    }
    KieBaseConfiguration kieBaseConf = ks.newKieBaseConfiguration();
    kieBaseConf.setOption(EventProcessingOption.STREAM);
    // No beta-node sharing across rules: with it, Drools 10.2 wired the shipped threshold rules of different
    // packages (each a per-key window: an `eventWindow` accumulate and `not ... over window:time`) so that the SSH
    // brute-force rule never fired once a port-scan rule was in the same KieBase (SshBruteForceRuleTest runs
    // them together). The rules share almost no beta nodes anyway; alpha nodes are still shared.
    kieBaseConf.setProperty("drools.shareBetaNodes", "false");
    KieBase kieBase = ks.newKieContainer(releaseId).newKieBase(kieBaseConf);

    Set<String> ruleNames = new TreeSet<>();
    for (KiePackage pkg : kieBase.getKiePackages()) {
      for (Rule r : pkg.getRules()) {
        ruleNames.add(r.getName());
      }
    }
    List<String> missing = byId.keySet().stream().filter(id -> !ruleNames.contains(id)).toList();
    if (!missing.isEmpty()) {
      throw new RuleCompilationException("rule set invalid", missing.stream()
          .map(id -> "metadata id " + id + " has no DRL rule of that name (DRL rules: " + ruleNames + ")")
          .collect(Collectors.toList()));
    }
    return new RuleSet(definitions, Map.copyOf(byId), kieBase);
  }

  /** A new session in STREAM mode on a pseudo clock (starting at 0) with the match collector not yet set. */
  KieSession newSession() {
    KieSessionConfiguration conf = KieServices.Factory.get().newKieSessionConfiguration();
    conf.setOption(ClockTypeOption.PSEUDO);
    return kieBase.newKieSession(conf, null);
  }

  boolean declaresMatchesGlobal() {
    return declaresMatchesGlobal;
  }

  public List<RuleDefinition> definitions() {
    return definitions;
  }

  public Map<String, RuleMetadata> metadataById() {
    return metadataById;
  }

  public RuleMetadata metadata(String ruleId) {
    RuleMetadata meta = metadataById.get(ruleId);
    if (meta == null) {
      throw new IllegalArgumentException("no rule " + ruleId);
    }
    return meta;
  }

  /**
   * What the rules of this set make of {@code fact}, in one pass over their filters:
   * <ul>
   *   <li>{@link Use#retentionMillis}: how long it must be kept, the longest window among the rules whose
   *       {@link RuleMetadata#match} it passes; 0 when no rule of the set can use it (it need not be inserted or
   *       kept at all);
   *   <li>{@link Use#minFacts}: how many facts of its key must be retained before it goes into the engine, the
   *       smallest {@link RuleMetadata#minFacts} among those rules (1 when none declares more).
   * </ul>
   */
  public Use use(SecurityEvent fact) {
    long retention = 0;
    int min = Integer.MAX_VALUE;
    for (int i = 0; i < filters.length; i++) {
      if ((windowMillis[i] > retention || minFacts[i] < min) && filters[i].test(fact)) {
        retention = Math.max(retention, windowMillis[i]);
        min = Math.min(min, minFacts[i]);
      }
    }
    return retention == 0 ? Use.NONE : new Use(retention, min == Integer.MAX_VALUE ? 1 : min);
  }

  /** What the rules make of one fact: {@link #use}. */
  public record Use(long retentionMillis, int minFacts) {
    public static final Use NONE = new Use(0, 1);
  }

  /** {@link #use}'s retention of {@code fact}. */
  public long retentionMillis(SecurityEvent fact) {
    return use(fact).retentionMillis();
  }

  /** {@link #use}'s gate of {@code fact}. */
  public int minFacts(SecurityEvent fact) {
    return use(fact).minFacts();
  }

  /** The shortest window of any rule (the pruning granularity of retained facts). */
  public Duration shortestWindow() {
    return metadataById.values().stream().map(RuleMetadata::window).min(Duration::compareTo).orElse(Duration.ZERO);
  }

  /** The longest window of any rule: how long events must be retained to rebuild a session. */
  public Duration longestWindow() {
    return metadataById.values().stream().map(RuleMetadata::window).max(Duration::compareTo).orElse(Duration.ZERO);
  }

  /** The content hash of this set (rule ids and DRL): the rule set's id in status records and logs. */
  public String fingerprint() {
    return contentHash(definitions);
  }

  /** Content hash of rule definitions without compiling them. */
  public static String fingerprint(List<RuleDefinition> definitions) {
    return contentHash(definitions);
  }

  private static String contentHash(List<RuleDefinition> definitions) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (RuleDefinition d : definitions) {
        digest.update(d.id().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(d.drl().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(d.metadata().toString().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
