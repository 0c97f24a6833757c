package org.soc.collectors.syslog.payload;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.soc.collectors.syslog.PayloadDecoder;
import org.soc.collectors.syslog.SyslogMessage;

/**
 * OpenSSH {@code sshd} authentication lines (the messages of {@code auth.c} {@code auth_log()},
 * {@code auth2.c}, {@code packet.c} and {@code sshd.c}), table-driven: one pattern per line shape, first match
 * wins. All set {@code event.category=[authentication]} and, where the line has them, {@code user.name},
 * {@code source.ip}, {@code source.port}; the authentication method goes to label {@code ssh.method}.
 *
 * <table>
 *   <caption>Lines and the ECS fields they produce</caption>
 *   <tr><th>line</th><th>event.action</th><th>event.type</th><th>event.outcome</th></tr>
 *   <tr><td>{@code Failed password|publickey|... for [invalid user] U from IP port P ssh2}</td>
 *       <td>{@code ssh_login}</td><td>{@code start}</td><td>{@code failure}</td></tr>
 *   <tr><td>{@code Accepted password|publickey|... for U from IP port P ssh2}</td>
 *       <td>{@code ssh_login}</td><td>{@code start}</td><td>{@code success}</td></tr>
 *   <tr><td>{@code Invalid user U from IP [port P]}</td>
 *       <td>{@code ssh_invalid_user}</td><td>{@code info}</td><td>{@code failure}</td></tr>
 *   <tr><td>{@code error: maximum authentication attempts exceeded for [invalid user] U from IP port P},
 *       {@code Disconnecting ... user U IP port P: Too many authentication failures}</td>
 *       <td>{@code ssh_max_auth_attempts}</td><td>{@code info}</td><td>{@code failure}</td></tr>
 *   <tr><td>{@code Disconnected from [authenticating|invalid] user U IP port P},
 *       {@code Connection closed by [authenticating|invalid] user U IP port P},
 *       {@code Received disconnect from IP port P:...}</td>
 *       <td>{@code ssh_disconnect}</td><td>{@code end}</td><td>{@code unknown} ({@code [preauth]}: before login)</td></tr>
 * </table>
 *
 * <p>"Invalid user" precedes the "Failed ... for invalid user" line of the same attempt, so it has its own
 * action and does not count twice as an {@code ssh_login} failure. The rsyslog prefix
 * {@code message repeated N times: [ ... ]} is understood. Applies to program {@code sshd} and
 * {@code sshd-session} (OpenSSH 9.8 and later).
 */
public final class OpenSshDecoder implements PayloadDecoder {
  public static final String ACTION_LOGIN = "ssh_login";
  public static final String ACTION_INVALID_USER = "ssh_invalid_user";
  public static final String ACTION_MAX_AUTH = "ssh_max_auth_attempts";
  public static final String ACTION_DISCONNECT = "ssh_disconnect";

  private static final Set<String> PROGRAMS = Set.of("sshd", "sshd-session");
  private static final String PREFIX = "^(?:message repeated \\d+ times: \\[ ?)?";
  private static final String ADDRESS = "(?<ip>[0-9A-Fa-f:.]+)";
  private static final String PORT = "port (?<port>\\d{1,5})";
  private static final String USER_KIND = "(?:(?:authenticating|invalid) )?user ";

  private record Rule(Pattern pattern, Function<Matcher, Builder> fields) {}

  private static final List<Rule> RULES = List.of(
      new Rule(Pattern.compile(PREFIX
              + "Failed (?<method>\\S+) for (?:invalid user )?(?<user>.*?) from " + ADDRESS + " " + PORT),
          m -> login(m, "failure")),
      new Rule(Pattern.compile(PREFIX
              + "Accepted (?<method>\\S+) for (?<user>.*?) from " + ADDRESS + " " + PORT),
          m -> login(m, "success")),
      new Rule(Pattern.compile(PREFIX
              + "Invalid user (?<user>.*?) from " + ADDRESS + "(?: " + PORT + ")?\\s*$"),
          m -> fields(m, ACTION_INVALID_USER, "info", "failure")),
      new Rule(Pattern.compile(PREFIX + "(?:error: )?maximum authentication attempts exceeded for "
              + "(?:invalid user )?(?<user>.*?) from " + ADDRESS + " " + PORT),
          m -> fields(m, ACTION_MAX_AUTH, "info", "failure")),
      new Rule(Pattern.compile(PREFIX + "Disconnecting " + USER_KIND + "(?<user>.*?) " + ADDRESS + " " + PORT
              + ": Too many authentication failures"),
          m -> fields(m, ACTION_MAX_AUTH, "info", "failure")),
      new Rule(Pattern.compile(PREFIX + "(?:Disconnected from|Connection closed by) " + USER_KIND
              + "(?<user>.*?) " + ADDRESS + " " + PORT),
          m -> disconnect(m)),
      new Rule(Pattern.compile(PREFIX + "(?:Received disconnect from|Disconnected from|Connection closed by) "
              + ADDRESS + " " + PORT),
          m -> disconnect(m)));

  @Override
  public Optional<Decoded> decode(SyslogMessage message) {
    if (message.appName() == null || !PROGRAMS.contains(message.appName()) || message.message() == null) {
      return Optional.empty();
    }
    for (Rule rule : RULES) {
      Matcher m = rule.pattern().matcher(message.message());
      if (m.find()) {
        Builder b = rule.fields().apply(m).label("event.module", "openssh");
        if (message.message().endsWith("[preauth]")) {
          b.label("ssh.stage", "preauth");
        }
        return b.build();
      }
    }
    return Optional.empty();
  }

  private static Builder login(Matcher m, String outcome) {
    return fields(m, ACTION_LOGIN, "start", outcome).label("ssh.method", m.group("method"));
  }

  private static Builder disconnect(Matcher m) {
    return fields(m, ACTION_DISCONNECT, "end", "unknown");
  }

  private static Builder fields(Matcher m, String action, String type, String outcome) {
    Builder b = Decoded.builder().category("authentication").type(type).action(action).outcome(outcome)
        .sourceIp(m.group("ip")).sourcePort(m.group("port"));
    if (hasGroup(m, "user")) {
      b.user(m.group("user"));
    }
    return b;
  }

  private static boolean hasGroup(Matcher m, String name) {
    return m.pattern().pattern().contains("(?<" + name + ">");
  }
}
