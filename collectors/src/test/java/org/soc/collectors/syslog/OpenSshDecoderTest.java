package org.soc.collectors.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OpenSshDecoderTest {
  private final OpenSshDecoder decoder = new OpenSshDecoder();
  private final Rfc3164Parser rfc3164 = new Rfc3164Parser(Fixtures.CLOCK);
  private final List<String> lines = Fixtures.lines("sshd.log");

  private PayloadDecoder.Decoded decode(int line) {
    SyslogMessage m = rfc3164.parse(lines.get(line), Fixtures.PARIS);
    assertThat(decoder.appliesTo(m.appName())).isTrue();
    return decoder.decode(m.message()).orElseThrow();
  }

  @Test
  void failedPasswordForRootIsLoginFailure() {
    assertThat(decode(0)).isEqualTo(new PayloadDecoder.Decoded(List.of("authentication"), List.of("start"),
        "ssh_login", "failure", "root", "203.0.113.7", 4242));
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
        "ssh_invalid_user", "failure", "x", "203.0.113.7", 4250));
  }

  @Test
  void rsyslogRepeatedMessageIsDecoded() {
    assertThat(decode(5).action()).isEqualTo("ssh_login");
  }

  @Test
  void otherSshdLinesAreNotDecoded() {
    SyslogMessage m = rfc3164.parse(lines.get(6), Fixtures.PARIS);
    assertThat(decoder.decode(m.message())).isEmpty();
  }

  @Test
  void appliesOnlyToSshd() {
    assertThat(decoder.appliesTo("sshd-session")).isTrue();
    assertThat(decoder.appliesTo("sudo")).isFalse();
  }
}
