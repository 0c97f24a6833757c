package org.soc.collectors.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SyslogMessageParser#unwrapEmbeddedTag}, a hand-written scan, against the regex it replaced: the same
 * program, PID and remaining text for every MSG, or no match for both.
 */
class EmbeddedTagTest {
  private static final Pattern REGEX = Pattern.compile("([A-Za-z0-9_./-]{1,48})(?:\\[(\\d{1,10})\\])?: ");

  @ParameterizedTest
  @ValueSource(strings = {
      "sshd[123]: Failed password", "seq: 0000000001, thread: 0000", "a: ", "a:", "a: b", ": x", " a: x",
      "a[]: x", "a[1]:x", "a[1] : x", "a[12345678901]: x", "a[1234567890]: x", "a[1x]: x", "a[1]", "a[1]:",
      "a[", "[1]: x", "/usr/sbin/cron[9]: x", "x.y-z_w/v: x", "é: x", "a b: x", "a:: x", "a[1][2]: x",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: 48", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: 49",
      "a[١]: arabic-indic digit", "", "%ASA-6-302013: Built", "CEF:0|x", "RT_FLOW_SESSION_CREATE: x"})
  void matchesTheRegex(String text) {
    assertSameAsRegex(text);
  }

  @Test
  void randomTextMatchesTheRegex() {
    String alphabet = "aZ09_./-[]: 1x\u00e9";
    for (long seed = 0; seed < 20_000; seed++) {
      Random random = new Random(seed);
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(random.nextInt(8) == 0 ? 70 : 16);
      for (int i = 0; i < length; i++) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      assertSameAsRegex(s.toString());
    }
  }

  @Test
  void keepsTheHeaderAndNullMessage() {
    SyslogMessage msg = new SyslogMessage(38, 1, Instant.EPOCH, "h", "root", "7", "ID", Map.of("x@1", Map.of()),
        "sshd[123]: text", 42L);
    assertThat(SyslogMessageParser.unwrapEmbeddedTag(msg)).isEqualTo(new SyslogMessage(38, 1, Instant.EPOCH, "h",
        "sshd", "123", "ID", Map.of("x@1", Map.of()), "text", 42L));
    assertThat(SyslogMessageParser.unwrapEmbeddedTag(new SyslogMessage(38, 1, null, null, "a", null, null, null,
        null))).isNull();
  }

  private static void assertSameAsRegex(String text) {
    SyslogMessage msg = new SyslogMessage(13, null, null, "h", "app", null, null, null, text);
    SyslogMessage actual = SyslogMessageParser.unwrapEmbeddedTag(msg);
    Matcher m = REGEX.matcher(text);
    if (!m.lookingAt()) {
      assertThat(actual).as("[%s]", text).isNull();
      return;
    }
    assertThat(actual).as("[%s]", text).isNotNull();
    assertThat(actual.appName()).as("[%s]", text).isEqualTo(m.group(1));
    assertThat(actual.procId()).as("[%s]", text).isEqualTo(m.group(2));
    assertThat(actual.message()).as("[%s]", text).isEqualTo(text.substring(m.end()));
  }
}
