package org.soc.collectors.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.soc.collectors.syslog.Fixtures.HEALTH_SENDER;
import static org.soc.collectors.syslog.Fixtures.NOW;
import static org.soc.collectors.syslog.Fixtures.utf8;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.soc.schema.Event;

/** One test per malformed input: each becomes a flagged event that keeps the original bytes. */
class MalformedSyslogTest {
  private final SyslogMessageParser parser = Fixtures.parser();

  private Event parse(byte[] bytes) {
    return parser.parse(bytes, HEALTH_SENDER, SyslogMessageParser.INPUT_UDP);
  }

  private static void assertFlagged(Event e, String errorType, int length) {
    assertThat(e.isParseFailure()).isTrue();
    assertThat(e.tags()).contains(Event.TAG_PARSE_FAILURE);
    assertThat(e.error().type()).isEqualTo(errorType);
    if (!"invalid_utf8".equals(errorType)) {
      assertThat(e.timestamp()).as("unparsed: receive time").isEqualTo(NOW);
    }
    assertThat(e.event().ingested()).isEqualTo(NOW);
    assertThat(e.event().id()).isNotNull();
    assertThat(e.organizationId()).isEqualTo("health");
    assertThat(e.soc().originalLength()).isEqualTo(length);
  }

  @Test
  void binaryGarbageIsFlaggedWithExactBytesInBase64() {
    // A TLS ClientHello start sent to the plaintext port: record type 0x16, version 3.1, length, then 0xFF bytes.
    byte[] garbage = {0x16, 0x03, 0x01, 0x00, (byte) 0xA5, 0x01, 0x00, 0x00, (byte) 0xA1, (byte) 0xFF, (byte) 0xFE};
    Event e = parse(garbage);
    assertFlagged(e, "missing_pri", garbage.length);
    assertThat(Base64.getDecoder().decode(e.soc().originalBase64())).isEqualTo(garbage);
    assertThat(e.event().original()).isEqualTo(new String(garbage, StandardCharsets.UTF_8));
  }

  @Test
  void invalidUtf8IsFlaggedButStillParsedAndKeepsExactBytes() {
    // ISO-8859-1 "é" (0xE9) in a user name: not UTF-8.
    byte[] latin1 = "<38>Mar 14 09:26:53 h sshd[1]: Failed password for ren\u00e9 from 203.0.113.7 port 22 ssh2"
        .getBytes(StandardCharsets.ISO_8859_1);
    Event e = parse(latin1);
    assertFlagged(e, "invalid_utf8", latin1.length);
    assertThat(Base64.getDecoder().decode(e.soc().originalBase64())).isEqualTo(latin1);
    assertThat(e.event().original()).contains("ren\uFFFD from");
    assertThat(e.source().ip()).isEqualTo("203.0.113.7");
  }

  @Test
  void utf8EncodedSurrogateIsFlaggedAsInvalidUtf8() {
    // CESU-8 / "WTF-8": U+D800 encoded as ED A0 80 is not well-formed UTF-8 (RFC 3629 section 3).
    byte[] bytes = concat(utf8("<38>Mar 14 09:26:53 h app: x"), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
    Event e = parse(bytes);
    assertFlagged(e, "invalid_utf8", bytes.length);
    assertThat(Base64.getDecoder().decode(e.soc().originalBase64())).isEqualTo(bytes);
  }

  @Test
  void overlongEncodingIsFlaggedAsInvalidUtf8() {
    // "/" as the overlong two-byte form C0 AF.
    byte[] bytes = concat(utf8("<38>Mar 14 09:26:53 h app: ."), new byte[] {(byte) 0xC0, (byte) 0xAF});
    assertFlagged(parse(bytes), "invalid_utf8", bytes.length);
  }

  @Test
  void replacementCharacterSentAsValidUtf8IsNotAFailure() {
    // U+FFFD itself, well-formed (EF BF BD): a sender's own substitution, not our decoding error.
    Event e = parse(utf8("<38>Mar 14 09:26:53 h app: bad byte \uFFFD here"));
    assertThat(e.isParseFailure()).isFalse();
    assertThat(e.soc().originalBase64()).isNull();
    assertThat(e.message()).isEqualTo("bad byte \uFFFD here");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void priOf999IsFlagged() {
    byte[] bytes = utf8("<999>Mar 14 09:26:53 h app: x");
    Event e = parse(bytes);
    assertFlagged(e, "invalid_pri", bytes.length);
    assertThat(e.event().original()).isEqualTo("<999>Mar 14 09:26:53 h app: x");
    assertThat(e.soc().originalBase64()).isNull();
  }

  @Test
  void emptyPriIsFlagged() {
    byte[] bytes = utf8("<>1 - - - - - - x");
    Event e = parse(bytes);
    assertFlagged(e, "invalid_pri", bytes.length);
    assertThat(e.event().original()).isEqualTo("<>1 - - - - - - x");
  }

  @Test
  void missingPriIsFlaggedLikeRfc3164Example2() {
    byte[] bytes = utf8("Use the BFG!");
    Event e = parse(bytes);
    assertFlagged(e, "missing_pri", bytes.length);
    assertThat(e.message()).isEqualTo("Use the BFG!");
  }

  @Test
  void priWithLeadingZeroIsFlagged() {
    assertFlagged(parse(utf8("<013>Mar 14 09:26:53 h app: x")), "invalid_pri", 29);
  }

  @Test
  void emptyDatagramIsFlagged() {
    assertFlagged(parse(new byte[0]), "empty", 0);
  }

  @Test
  void brokenRfc5424HeaderIsFlaggedWithOffsetInReason() {
    Event e = parse(utf8("<13>1 2025-03-14T09:00:00Z host"));
    assertFlagged(e, "invalid_header", 31);
    assertThat(e.error().message()).contains("offset 31");
  }

  @Test
  void framingErrorIsFlaggedWithTheBytesSeen() {
    byte[] seen = utf8("99999999999999 <13>x");
    Event e = parser.parse(new SyslogFrame(seen, seen.length, false, "octet count too large", HEALTH_SENDER),
        SyslogMessageParser.INPUT_TCP);
    assertFlagged(e, "framing_error", seen.length);
    assertThat(e.event().original()).isEqualTo("99999999999999 <13>x");
  }

  @Test
  void randomBytesNeverEscapeTheFacade() {
    // Fixed seed: reproducible. Biased towards syslog-looking prefixes to reach deep parser states.
    Random random = new Random(5424);
    String[] prefixes = {"", "<", "<13>", "<13>1 ", "<13>1 2025-03-14T", "<13>1 - h a p m [", "<13>Mar 14 "};
    for (int i = 0; i < 20_000; i++) {
      byte[] tail = new byte[random.nextInt(64)];
      for (int j = 0; j < tail.length; j++) {
        tail[j] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : (byte) (32 + random.nextInt(95));
      }
      byte[] prefix = utf8(prefixes[random.nextInt(prefixes.length)]);
      byte[] bytes = new byte[prefix.length + tail.length];
      System.arraycopy(prefix, 0, bytes, 0, prefix.length);
      System.arraycopy(tail, 0, bytes, prefix.length, tail.length);
      Event e = parse(bytes);
      assertThat(e.event().original()).isNotNull();
      if (e.isParseFailure()) {
        assertThat(e.error().type()).isNotEqualTo("internal_error");
      }
    }
  }
}
