package org.soc.collectors.syslog;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenSSH {@code sshd} authentication lines (the messages of {@code auth2.c}/{@code auth.c}
 * {@code auth_log()}), table-driven: one pattern per line shape, first match wins.
 *
 * <table>
 *   <caption>Lines and the ECS fields they produce</caption>
 *   <tr><th>line</th><th>event.action</th><th>event.type</th><th>event.outcome</th></tr>
 *   <tr><td>{@code Failed password for [invalid user] U from IP port P ssh2}</td>
 *       <td>{@code ssh_login}</td><td>{@code start}</td><td>{@code failure}</td></tr>
 *   <tr><td>{@code Accepted password|publickey|... for U from IP port P ssh2}</td>
 *       <td>{@code ssh_login}</td><td>{@code start}</td><td>{@code success}</td></tr>
 *   <tr><td>{@code Invalid user U from IP [port P]}</td>
 *       <td>{@code ssh_invalid_user}</td><td>{@code info}</td><td>{@code failure}</td></tr>
 * </table>
 *
 * <p>All set {@code event.category=[authentication]}, {@code user.name}, {@code source.ip} and
 * {@code source.port}. "Invalid user" precedes the "Failed ... for invalid user" line of the same attempt,
 * so it has its own action and does not count twice as an {@code ssh_login} failure. The rsyslog prefix
 * {@code message repeated N times: [ ... ]} is understood. Applies to program {@code sshd} and
 * {@code sshd-session} (OpenSSH 9.8 and later).
 */
public final class OpenSshDecoder implements PayloadDecoder {
  public static final String ACTION_LOGIN = "ssh_login";
  public static final String ACTION_INVALID_USER = "ssh_invalid_user";

  private static final Set<String> PROGRAMS = Set.of("sshd", "sshd-session");
  private static final String PREFIX = "^(?:message repeated \\d+ times: \\[ ?)?";
  private static final String ADDRESS = "(?<ip>[0-9A-Fa-f:.]+)";
  private static final List<String> AUTHENTICATION = List.of("authentication");

  private record Rule(Pattern pattern, Function<Matcher, Decoded> fields) {}

  private static final List<Rule> RULES = List.of(
      new Rule(Pattern.compile(PREFIX
              + "Failed (?<method>\\S+) for (?:invalid user )?(?<user>.*?) from " + ADDRESS
              + " port (?<port>\\d{1,5})"),
          m -> login(m, "failure")),
      new Rule(Pattern.compile(PREFIX
              + "Accepted (?<method>\\S+) for (?<user>.*?) from " + ADDRESS + " port (?<port>\\d{1,5})"),
          m -> login(m, "success")),
      new Rule(Pattern.compile(PREFIX
              + "Invalid user (?<user>.*?) from " + ADDRESS + "(?: port (?<port>\\d{1,5}))?\\s*$"),
          m -> new Decoded(AUTHENTICATION, List.of("info"), ACTION_INVALID_USER, "failure",
              user(m), m.group("ip"), port(m))));

  @Override
  public boolean appliesTo(String program) {
    return PROGRAMS.contains(program);
  }

  @Override
  public Optional<Decoded> decode(String message) {
    for (Rule rule : RULES) {
      Matcher m = rule.pattern().matcher(message);
      if (m.find()) {
        return Optional.of(rule.fields().apply(m));
      }
    }
    return Optional.empty();
  }

  private static Decoded login(Matcher m, String outcome) {
    return new Decoded(AUTHENTICATION, List.of("start"), ACTION_LOGIN, outcome, user(m), m.group("ip"), port(m));
  }

  private static String user(Matcher m) {
    String user = m.group("user");
    return user.isEmpty() ? null : user;
  }

  private static Integer port(Matcher m) {
    String port = m.group("port");
    if (port == null) {
      return null;
    }
    int value = Integer.parseInt(port);
    return value <= 65535 ? value : null;
  }
}
