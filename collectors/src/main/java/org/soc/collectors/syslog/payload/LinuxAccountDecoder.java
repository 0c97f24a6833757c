package org.soc.collectors.syslog.payload;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.soc.collectors.syslog.PayloadDecoder;
import org.soc.collectors.syslog.SyslogMessage;

/**
 * Account management by the shadow-utils tools and passwd ({@code useradd}, {@code userdel}, {@code usermod},
 * {@code groupadd}, {@code groupdel}, {@code passwd}, {@code chpasswd}): {@code event.category=[iam]}, the
 * account in {@code user.name} (the actor is not in these lines; {@code from=} is the terminal), groups in
 * {@code group.name}. Table-driven, first match wins.
 */
public final class LinuxAccountDecoder implements PayloadDecoder {
  private static final Set<String> PROGRAMS =
      Set.of("useradd", "userdel", "usermod", "groupadd", "groupdel", "groupmod", "passwd", "chpasswd", "gpasswd");

  private record Rule(Pattern pattern, String action, List<String> type) {}

  private static final List<Rule> RULES = List.of(
      new Rule(Pattern.compile("^new user: name=(?<user>[^,]+), UID=(?<uid>\\d+), GID=(?<gid>\\d+)"),
          "added-user-account", List.of("user", "creation")),
      new Rule(Pattern.compile("^new group: name=(?<group>[^,]+), GID=(?<gid>\\d+)"),
          "added-group-account", List.of("group", "creation")),
      new Rule(Pattern.compile("^group added to /etc/group: name=(?<group>[^,]+), GID=(?<gid>\\d+)"),
          "added-group-account", List.of("group", "creation")),
      new Rule(Pattern.compile("^delete user '(?<user>[^']+)'"), "deleted-user-account", List.of("user", "deletion")),
      new Rule(Pattern.compile("^(?:group '(?<group>[^']+)' removed|removed group '(?<group2>[^']+)')"),
          "deleted-group-account", List.of("group", "deletion")),
      new Rule(Pattern.compile("^add '(?<user>[^']+)' to (?:shadow )?group '(?<group>[^']+)'"),
          "added-user-to-group", List.of("group", "change")),
      new Rule(Pattern.compile("^(?:pam_unix\\((?:passwd|chpasswd):chauthtok\\): )?password changed for (?<user>\\S+)"),
          "changed-password", List.of("user", "change")),
      new Rule(Pattern.compile("^change user '(?<user>[^']+)' password"), "changed-password", List.of("user", "change")));

  @Override
  public Optional<Decoded> decode(SyslogMessage message) {
    String text = message.message();
    if (text == null || message.appName() == null || !PROGRAMS.contains(message.appName())) {
      return Optional.empty();
    }
    for (Rule rule : RULES) {
      Matcher m = rule.pattern().matcher(text);
      if (m.find()) {
        String p = rule.pattern().pattern();
        Builder b = Decoded.builder().category("iam").type(rule.type().toArray(String[]::new))
            .action(rule.action()).outcome("success").label("event.module", "system");
        if (p.contains("(?<user>")) {
          b.user(m.group("user"));
        }
        if (p.contains("(?<group>")) {
          b.label("group.name", m.group("group"));
        }
        if (p.contains("(?<group2>")) {
          b.label("group.name", m.group("group2"));
        }
        if (p.contains("(?<uid>")) {
          b.label("user.id", m.group("uid"));
        }
        if (p.contains("(?<gid>")) {
          b.label("group.id", m.group("gid"));
        }
        return b.build();
      }
    }
    return Optional.empty();
  }
}
