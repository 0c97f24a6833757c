package org.soc.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soc.rules.Facts.T0;
import static org.soc.rules.Facts.sshLogin;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pseudo-clock tests of {@code rules/brute-force-then-success.drl}: 5 failures, then a success, within 10 min. */
class BruteForceThenSuccessRuleTest {
  static final String RULE = "soc-bruteforce-then-success";
  private final RuleRun run = new RuleRun();

  @AfterEach
  void close() {
    run.close();
  }

  private static List<SecurityEvent> failures(int n, long startMillis, long stepMillis, String src) {
    List<SecurityEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(sshLogin("f" + i, startMillis + i * stepMillis, "health", src, "failure"));
    }
    return out;
  }

  @Test
  void successAfterFiveFailuresFiresOnceWithTheWholeSequence() {
    List<SecurityEvent> facts = failures(5, 0, 30_000, "203.0.113.7");
    facts.add(sshLogin("ok", 5 * 60_000, "health", "203.0.113.7", "success"));
    facts.add(sshLogin("ok2", 6 * 60_000, "health", "203.0.113.7", "success"));

    List<RuleMatch> matches = run.run(RULE, facts);

    assertThat(matches).hasSize(2);
    RuleMatch first = matches.get(0);
    assertThat(first.key()).isEqualTo("health|203.0.113.7");
    assertThat(first.triggerEventId()).isEqualTo("ok");
    assertThat(first.eventIds()).containsExactly("f0", "f1", "f2", "f3", "f4", "ok");
    assertThat(first.count()).isEqualTo(6);
    assertThat(first.firstSeen()).isEqualTo(T0.toEpochMilli());
    assertThat(first.lastSeen()).isEqualTo(T0.toEpochMilli() + 5 * 60_000);
  }

  @Test
  void successWithoutEnoughFailuresBeforeItDoesNotFire() {
    List<SecurityEvent> facts = failures(4, 0, 1_000, "203.0.113.7");
    facts.add(sshLogin("ok", 10_000, "health", "203.0.113.7", "success"));
    assertThat(run.run(RULE, facts)).isEmpty();
  }

  @Test
  void successMoreThanTenMinutesAfterTheFailuresDoesNotFire() {
    List<SecurityEvent> facts = failures(5, 0, 1_000, "203.0.113.7");
    facts.add(sshLogin("ok", 11 * 60_000, "health", "203.0.113.7", "success"));
    assertThat(run.run(RULE, facts)).isEmpty();
  }

  @Test
  void successFromAnotherSourceOrAgencyDoesNotFire() {
    List<SecurityEvent> facts = failures(5, 0, 1_000, "203.0.113.7");
    facts.add(sshLogin("ok1", 10_000, "health", "198.51.100.9", "success"));
    facts.add(sshLogin("ok2", 11_000, "finance", "203.0.113.7", "success"));
    assertThat(run.run(RULE, facts)).isEmpty();
  }

  @Test
  void failuresAfterTheSuccessDoNotCount() {
    List<SecurityEvent> facts = new ArrayList<>();
    facts.add(sshLogin("ok", 0, "health", "203.0.113.7", "success"));
    facts.addAll(failures(5, 1_000, 1_000, "203.0.113.7"));
    assertThat(run.run(RULE, facts)).isEmpty();
  }
}
