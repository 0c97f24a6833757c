package org.soc.collectors.syslog.payload;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.soc.collectors.syslog.PayloadDecoder;
import org.soc.collectors.syslog.SyslogMessage;

/**
 * Web server access logs in the NCSA common and combined formats (Apache {@code LogFormat "%h %l %u %t \"%r\"
 * %>s %b \"%{Referer}i\" \"%{User-agent}i\"" combined}, nginx's default {@code combined}), with or without a
 * leading virtual host ({@code vhost_combined}). Client address to {@code source.ip}, authenticated user to
 * {@code user.name}; the request to the {@code http.*}, {@code url.original} and {@code user_agent.original}
 * labels; {@code event.category=[web]}, {@code type=[access]}, outcome failure for status 400 and above.
 */
public final class AccessLogDecoder implements PayloadDecoder {
  private static final Pattern COMBINED = Pattern.compile(
      "^(?:(?<vhost>[\\w.-]+(?::\\d+)?) )?(?<client>[0-9A-Fa-f:.]+) (?<ident>\\S+) (?<user>\\S+) \\[(?<time>[^\\]]{1,40})\\] "
          + "\"(?<method>[A-Z]{1,16}) (?<url>\\S+)(?: HTTP/(?<version>[0-9.]{1,3}))?\" (?<status>\\d{3}) (?<bytes>\\d+|-)"
          + "(?: \"(?<referrer>(?:[^\"\\\\]|\\\\.)*)\" \"(?<agent>(?:[^\"\\\\]|\\\\.)*)\")?");

  @Override
  public Optional<Decoded> decode(SyslogMessage message) {
    String text = message.message();
    if (text == null || text.indexOf('"') < 0 || text.indexOf('[') < 0) {
      return Optional.empty();
    }
    Matcher m = COMBINED.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    int status = Integer.parseInt(m.group("status"));
    return Decoded.builder().category("web").type("access").outcome(status >= 400 ? "failure" : "success")
        .sourceIp(m.group("client")).user(m.group("user"))
        .label("http.request.method", m.group("method")).label("url.original", m.group("url"))
        .label("http.version", m.group("version")).label("http.response.status_code", m.group("status"))
        .label("http.response.body.bytes", m.group("bytes")).label("http.request.referrer", m.group("referrer"))
        .label("user_agent.original", m.group("agent")).label("destination.domain", m.group("vhost"))
        .label("event.module", "http_access").build();
  }
}
