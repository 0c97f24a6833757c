package org.soc.collectors.syslog.payload;

import java.util.Map;
import java.util.Optional;
import org.soc.collectors.syslog.PayloadDecoder;
import org.soc.collectors.syslog.SyslogMessage;

/**
 * sudo's own log line (sudoers "LOGGING" section: {@code user : [problem ; ]TTY=tty ; PWD=dir ; USER=runas ;
 * COMMAND=cmd}). A line without a problem is a command run with elevated rights
 * ({@code event.category=[process]}, {@code type=[start]}, {@code outcome=success}); {@code N incorrect
 * password attempts}, {@code user NOT in sudoers}, {@code command not allowed} and the like are failures
 * ({@code event.category=[authentication]}), the problem in {@code event.reason}. {@code user.name} is the
 * invoking user; the run-as user goes to {@code user.effective.name}, the command to
 * {@code process.command_line}. Program {@code sudo}.
 */
public final class SudoDecoder implements PayloadDecoder {
  @Override
  public Optional<Decoded> decode(SyslogMessage message) {
    String text = message.message();
    if (!"sudo".equals(message.appName()) || text == null) {
      return Optional.empty();
    }
    int colon = text.indexOf(" : ");
    int tty = text.indexOf("TTY=");
    if (colon < 0 || tty < colon) {
      return Optional.empty();
    }
    String user = text.substring(0, colon).strip();
    String between = text.substring(colon + 3, tty).strip();
    String reason = between.endsWith(";") ? between.substring(0, between.length() - 1).strip() : between;
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    for (String part : text.substring(tty).split(" ; ", 8)) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        fields.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    Builder b = Decoded.builder().action("sudo").user(user).label("event.module", "sudo")
        .label("user.effective.name", fields.get("USER")).label("process.command_line", fields.get("COMMAND"))
        .label("process.working_directory", fields.get("PWD")).label("process.tty", fields.get("TTY"));
    if (reason.isEmpty()) {
      b.category("process").type("start").outcome("success");
    } else {
      b.category("authentication").type("start").outcome("failure").label("event.reason", reason);
    }
    return b.build();
  }
}
