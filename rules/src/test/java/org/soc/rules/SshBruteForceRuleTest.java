package org.soc.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soc.rules.Facts.T0;
import static org.soc.rules.Facts.failure;
import static org.soc.rules.Facts.sshLogin;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pseudo-clock tests of {@code rules/ssh-brute-force.drl}: 5 failed SSH logins from one source within 60 s. */
class SshBruteForceRuleTest {
  static final String RULE = "soc-ssh-bruteforce";
  private static RuleSet rules;
  private RuleEngine engine;

  @BeforeAll
  static void compile() {
    rules = RuleSet.builtIn();
  }

  @BeforeEach
  void newSession() {
    engine = new DroolsRuleEngine(rules);
  }

  @AfterEach
  void dispose() {
    engine.close();
  }

  private List<RuleMatch> run(SecurityEvent... events) {
    List<RuleMatch> out = new ArrayList<>();
    for (SecurityEvent e : events) {
      engine.insert(e);
      out.addAll(engine.drain());
    }
    // Let the windows close: nothing may fire on time alone.
    engine.advanceTo(T0.toEpochMilli() + 10 * 60_000);
    out.addAll(engine.drain());
    return out;
  }

  @Test
  void fiveFailuresWithinSixtySecondsFire() {
    List<RuleMatch> matches = run(
        failure("e1", 0, "203.0.113.7"), failure("e2", 10, "203.0.113.7"), failure("e3", 20, "203.0.113.7"),
        failure("e4", 30, "203.0.113.7"), failure("e5", 40, "203.0.113.7"));

    assertThat(matches).singleElement().satisfies(m -> {
      assertThat(m.ruleId()).isEqualTo(RULE);
      assertThat(m.key()).isEqualTo("health|203.0.113.7");
      assertThat(m.keyFields()).containsExactly(
          org.assertj.core.api.Assertions.entry("organization.id", "health"),
          org.assertj.core.api.Assertions.entry("source.ip", "203.0.113.7"));
      assertThat(m.count()).isEqualTo(5);
      assertThat(m.firstSeen()).isEqualTo(T0.toEpochMilli());
      assertThat(m.lastSeen()).isEqualTo(T0.toEpochMilli() + 40_000);
      assertThat(m.eventIds()).containsExactly("e1", "e2", "e3", "e4", "e5");
      assertThat(m.triggerEventId()).isEqualTo("e5");
    });
  }

  @Test
  void eachFurtherFailureInTheWindowFiresOnceWithTheGrowingCount() {
    List<RuleMatch> matches = run(
        failure("e1", 0, "203.0.113.7"), failure("e2", 1, "203.0.113.7"), failure("e3", 2, "203.0.113.7"),
        failure("e4", 3, "203.0.113.7"), failure("e5", 4, "203.0.113.7"), failure("e6", 5, "203.0.113.7"));

    assertThat(matches).extracting(RuleMatch::count).containsExactly(5L, 6L);
    assertThat(matches).extracting(RuleMatch::triggerEventId).containsExactly("e5", "e6");
  }

  @Test
  void windowSlidesWithEachFailure() {
    List<RuleMatch> matches = run(
        failure("e1", 0, "203.0.113.7"), failure("e2", 30, "203.0.113.7"), failure("e3", 61, "203.0.113.7"),
        failure("e4", 70, "203.0.113.7"), failure("e5", 80, "203.0.113.7"), failure("e6", 85, "203.0.113.7"),
        failure("e7", 95, "203.0.113.7"));

    // At 85 s the window (25 s, 85 s] holds e2..e6; at 95 s, (35 s, 95 s] holds e3..e7; e1 is never in a full one.
    assertThat(matches).extracting(RuleMatch::eventIds).containsExactly(
        List.of("e2", "e3", "e4", "e5", "e6"), List.of("e3", "e4", "e5", "e6", "e7"));
    assertThat(matches).extracting(RuleMatch::count).containsExactly(5L, 5L);
  }

  @Test
  void fourFailuresDoNotFire() {
    assertThat(run(
        failure("e1", 0, "203.0.113.7"), failure("e2", 10, "203.0.113.7"), failure("e3", 20, "203.0.113.7"),
        failure("e4", 30, "203.0.113.7"))).isEmpty();
  }

  @Test
  void fiveFailuresSpreadOverTwoMinutesDoNotFire() {
    assertThat(run(
        failure("e1", 0, "203.0.113.7"), failure("e2", 30, "203.0.113.7"), failure("e3", 60, "203.0.113.7"),
        failure("e4", 90, "203.0.113.7"), failure("e5", 120, "203.0.113.7"))).isEmpty();
  }

  @Test
  void failuresFromDifferentSourcesDoNotFire() {
    assertThat(run(
        failure("e1", 0, "203.0.113.7"), failure("e2", 1, "203.0.113.8"), failure("e3", 2, "203.0.113.9"),
        failure("e4", 3, "198.51.100.1"), failure("e5", 4, "198.51.100.2"), failure("e6", 5, "203.0.113.7")))
        .isEmpty();
  }

  @Test
  void sameSourceAgainstDifferentAgenciesDoesNotFire() {
    assertThat(run(
        sshLogin("e1", 0, "health", "203.0.113.7", "failure"), sshLogin("e2", 1, "finance", "203.0.113.7", "failure"),
        sshLogin("e3", 2, "health", "203.0.113.7", "failure"), sshLogin("e4", 3, "finance", "203.0.113.7", "failure"),
        sshLogin("e5", 4, "health", "203.0.113.7", "failure"))).isEmpty();
  }

  @Test
  void successesDoNotFire() {
    assertThat(run(
        sshLogin("e1", 0, "health", "203.0.113.7", "success"), sshLogin("e2", 1000, "health", "203.0.113.7", "success"),
        sshLogin("e3", 2000, "health", "203.0.113.7", "success"), sshLogin("e4", 3000, "health", "203.0.113.7", "success"),
        sshLogin("e5", 4000, "health", "203.0.113.7", "success"), failure("e6", 5, "203.0.113.7"))).isEmpty();
  }

  @Test
  void windowsAreMeasuredInEventTimeNotArrival() {
    // Inserted back to back, but 70 s of event time apart: the session clock follows the events.
    engine.insert(failure("e1", 0, "203.0.113.7"));
    engine.insert(failure("e2", 1, "203.0.113.7"));
    engine.advanceTo(T0.toEpochMilli() + 70_000);
    engine.insert(failure("e3", 71, "203.0.113.7"));
    engine.insert(failure("e4", 72, "203.0.113.7"));
    engine.insert(failure("e5", 73, "203.0.113.7"));
    assertThat(engine.drain()).isEmpty();
    assertThat(engine.currentTime()).isEqualTo(T0.toEpochMilli() + 73_000);
  }

  @Test
  void expiredEventsLeaveTheSessionAfterTheLongestWindowOfTheRulesThatCanUseThem() {
    run(failure("e1", 0, "203.0.113.7"), failure("e2", 1, "203.0.113.7"));
    // A failed login can serve "brute force then success" (10 min), the longest window among its rules; the
    // campaign rule's 30 min apply to alerts only.
    engine.advanceTo(T0.toEpochMilli() + 9 * 60_000);
    // The two failures and the rules' bookkeeping for their key: the SSH rule's key and firing mark, the sequence
    // rule's key; all leave with the last of the key's failures.
    assertThat(engine.factCount()).isEqualTo(5);
    engine.advanceTo(T0.toEpochMilli() + 11 * 60_000);
    assertThat(engine.factCount()).isZero();
  }

  @Test
  void anEventNoRuleCanUseIsNeitherKeptNorMovesTheClock() {
    SecurityEvent cron = failure("c1", 5, "203.0.113.7");
    cron.setCategories(java.util.List.of("process"));
    cron.setAction("cron_job");
    engine.insert(cron);
    assertThat(engine.factCount()).isZero();
    assertThat(engine.currentTime()).isLessThan(cron.getTimestamp());
  }
}
