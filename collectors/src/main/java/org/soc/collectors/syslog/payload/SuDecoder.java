package org.soc.collectors.syslog.payload;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.soc.collectors.syslog.PayloadDecoder;
import org.soc.collectors.syslog.SyslogMessage;

/**
 * {@code su} lines: the classic BSD form of RFC 3164's own example ({@code 'su root' failed for lonvick on
 * /dev/pts/8}), util-linux ({@code (to root) alice on pts/0}, {@code FAILED SU (to root) alice on pts/0}) and
 * pam_unix ({@code pam_unix(su:session): session opened for user root(uid=0) by alice(uid=1000)},
 * {@code pam_unix(su:auth): authentication failure; ... ruser=alice ... user=root}). {@code user.name} is who
 * ran su, {@code user.target.name} whom they became; action {@code su}, category {@code authentication}.
 * Program {@code su} or {@code su-l}.
 */
public final class SuDecoder implements PayloadDecoder {
  private record Rule(Pattern pattern, String outcome) {}

  private static final List<Rule> RULES = List.of(
      new Rule(Pattern.compile("^'su (?<target>\\S+)' (?<result>failed|succeeded) for (?<user>\\S+) on (?<tty>\\S+)"), null),
      new Rule(Pattern.compile("^FAILED SU \\(to (?<target>[^)]+)\\) (?<user>\\S+) on (?<tty>\\S+)"), "failure"),
      new Rule(Pattern.compile("^\\(to (?<target>[^)]+)\\) (?<user>\\S+) on (?<tty>\\S+)"), "success"),
      new Rule(Pattern.compile("^pam_unix\\(su(?:-l)?:session\\): session opened for user (?<target>[^(\\s]+)"
          + "(?:\\(uid=\\d+\\))? by (?<user>[^(\\s]*)"), "success"),
      new Rule(Pattern.compile("^pam_unix\\(su(?:-l)?:auth\\): authentication failure;.*?ruser=(?<user>\\S*)"
          + ".*? user=(?<target>\\S+)"), "failure"));

  @Override
  public Optional<Decoded> decode(SyslogMessage message) {
    String text = message.message();
    if (text == null || !("su".equals(message.appName()) || "su-l".equals(message.appName()))) {
      return Optional.empty();
    }
    for (Rule rule : RULES) {
      Matcher m = rule.pattern().matcher(text);
      if (m.find()) {
        String outcome = rule.outcome() != null ? rule.outcome()
            : m.group("result").equals("failed") ? "failure" : "success";
        Builder b = Decoded.builder().category("authentication").type("start").action("su").outcome(outcome)
            .user(m.group("user")).label("user.target.name", m.group("target")).label("event.module", "su");
        if (rule.pattern().pattern().contains("(?<tty>")) {
          b.label("process.tty", m.group("tty"));
        }
        return b.build();
      }
    }
    return Optional.empty();
  }
}
