package org.soc.collectors.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.soc.collectors.syslog.payload.OpenSshDecoder;
import org.soc.schema.Event;

class OpenSshDecoderTest {
  private final OpenSshDecoder decoder = new OpenSshDecoder();
  private final Rfc3164Parser rfc3164 = new Rfc3164Parser(Fixtures.CLOCK);
  private final List<String> lines = Fixtures.lines("sshd.log");

  private PayloadDecoder.Decoded decode(int line) {
    return decoder.decode(rfc3164.parse(lines.get(line), Fixtures.PARIS)).orElseThrow();
  }

  @Test
  void failedPasswordForRootIsLoginFailure() {
    assertThat(decode(0)).isEqualTo(new PayloadDecoder.Decoded(List.of("authentication"), List.of("start"),
        "ssh_login", "failure", null, "root", Event.Endpoint.of("203.0.113.7", 4242), null, null,
        java.util.Map.of("event.module", "openssh", "ssh.method", "password")));
  }

  @Test
  void failedPasswordForInvalidUserIsLoginFailureForThatUser() {
    PayloadDecoder.Decoded d = decode(1);
    assertThat(d.outcome()).isEqualTo("failure");
    assertThat(d.userName()).isEqualTo("bob");
    assertThat(d.sourcePort()).isEqualTo(4243);
  }

  @Test
  void acceptedPasswordIsLoginSuccess() {
    PayloadDecoder.Decoded d = decode(2);
    assertThat(d.action()).isEqualTo("ssh_login");
    assertThat(d.outcome()).isEqualTo("success");
    assertThat(d.userName()).isEqualTo("alice");
    assertThat(d.sourceIp()).isEqualTo("198.51.100.23");
  }

  @Test
  void acceptedPublickeyFromIpv6IsLoginSuccess() {
    PayloadDecoder.Decoded d = decode(3);
    assertThat(d.outcome()).isEqualTo("success");
    assertThat(d.sourceIp()).isEqualTo("2001:db8::23");
    assertThat(d.sourcePort()).isEqualTo(51999);
  }

  @Test
  void invalidUserIsItsOwnActionSoAnAttemptCountsOnce() {
    assertThat(decode(4)).isEqualTo(new PayloadDecoder.Decoded(List.of("authentication"), List.of("info"),
        "ssh_invalid_user", "failure", null, "x", Event.Endpoint.of("203.0.113.7", 4250), null, null,
        java.util.Map.of("event.module", "openssh")));
  }

  @Test
  void rsyslogRepeatedMessageIsDecoded() {
    assertThat(decode(5).action()).isEqualTo("ssh_login");
  }

  @Test
  void preauthConnectionCloseIsADisconnect() {
    PayloadDecoder.Decoded d = decode(6);
    assertThat(d.action()).isEqualTo(OpenSshDecoder.ACTION_DISCONNECT);
    assertThat(d.userName()).isEqualTo("root");
    assertThat(d.labels()).containsEntry("ssh.stage", "preauth");
  }

  @Test
  void otherSshdLinesAreNotDecoded() {
    SyslogMessage m = rfc3164.parse("<38>Mar 14 09:27:20 h sshd[1]: Server listening on 0.0.0.0 port 22.",
        Fixtures.PARIS);
    assertThat(decoder.decode(m)).isEmpty();
  }

  @Test
  void appliesOnlyToSshd() {
    String text = "Failed password for root from 203.0.113.7 port 4242 ssh2";
    assertThat(decoder.decode(new SyslogMessage(38, null, null, null, "sshd-session", null, null, null, text)))
        .isPresent();
    assertThat(decoder.decode(new SyslogMessage(38, null, null, null, "sudo", null, null, null, text))).isEmpty();
    assertThat(decoder.decode(new SyslogMessage(38, null, null, null, null, null, null, null, text))).isEmpty();
  }
}
