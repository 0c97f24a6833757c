package org.soc.collectors.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.soc.schema.Event;

/**
 * Seeded random mutations of every golden line (bit flips, truncation, insertion of bytes that mean something
 * to one of the formats, deletion, duplication): the facade must never throw, must keep {@code event.original},
 * and no parser or decoder may fail with an unexpected exception (which the facade would flag
 * {@code internal_error} / {@code decoder_error} instead of crashing). The seed is fixed so a failure replays;
 * the failing input is in the assertion message.
 */
class GoldenMutationTest {
  private static final long SEED = 0x5EC0C011EC7L;
  private static final int MUTANTS_PER_LINE = 300;
  private static final byte[] INTERESTING =
      "\"\\=|[]:%<>{}, \t\n\r\0-/()@^x0123456789ABCDEF\u00ff".getBytes(StandardCharsets.ISO_8859_1);

  private final SyslogMessageParser parser = Fixtures.parser();

  @Test
  void mutatedGoldenLinesNeverThrowAndKeepTheOriginal() throws IOException {
    Random random = new Random(SEED);
    List<String> names = GoldenSyslogTest.cases().toList();
    int checked = 0;
    for (String name : names) {
      byte[] golden = GoldenSyslogTest.line(name);
      for (int i = 0; i < MUTANTS_PER_LINE; i++) {
        byte[] mutant = mutate(golden, random);
        Event e;
        try {
          e = parser.parse(mutant, Fixtures.HEALTH_SENDER, SyslogMessageParser.INPUT_TCP);
        } catch (RuntimeException ex) {
          throw new AssertionError(name + " mutant threw: " + describe(mutant), ex);
        }
        assertThat(e.event().original()).as("%s: %s", name, describe(mutant)).isEqualTo(expectedOriginal(mutant));
        if (e.error() != null) {
          assertThat(e.error().type()).as("%s: %s -> %s", name, describe(mutant), e.error().message())
              .isNotIn("internal_error", "decoder_error");
        }
        checked++;
      }
    }
    assertThat(checked).isEqualTo(names.size() * MUTANTS_PER_LINE);
  }

  static byte[] mutate(byte[] in, Random r) {
    byte[] b = in.clone();
    int rounds = 1 + r.nextInt(4);
    for (int k = 0; k < rounds; k++) {
      int len = b.length;
      switch (r.nextInt(5)) {
        case 0 -> {
          if (len > 0) {
            int at = r.nextInt(len);
            b[at] ^= (byte) (1 << r.nextInt(8));
          }
        }
        case 1 -> b = Arrays.copyOf(b, len == 0 ? 0 : r.nextInt(len));
        case 2 -> {
          int at = r.nextInt(len + 1);
          int n = 1 + r.nextInt(4);
          byte[] out = new byte[len + n];
          System.arraycopy(b, 0, out, 0, at);
          for (int j = 0; j < n; j++) {
            out[at + j] = r.nextBoolean() ? INTERESTING[r.nextInt(INTERESTING.length)] : (byte) r.nextInt(256);
          }
          System.arraycopy(b, at, out, at + n, len - at);
          b = out;
        }
        case 3 -> {
          if (len > 1) {
            int at = r.nextInt(len);
            int n = Math.min(len - at, 1 + r.nextInt(8));
            byte[] out = new byte[len - n];
            System.arraycopy(b, 0, out, 0, at);
            System.arraycopy(b, at + n, out, at, len - at - n);
            b = out;
          }
        }
        default -> {
          if (len > 0) {
            int at = r.nextInt(len);
            int n = Math.min(len - at, 1 + r.nextInt(16));
            byte[] out = new byte[len + n];
            System.arraycopy(b, 0, out, 0, at + n);
            System.arraycopy(b, at, out, at + n, len - at);
            b = out;
          }
        }
      }
    }
    return b;
  }

  /** What the facade keeps: the text (replacement characters where not UTF-8) without trailing LF/CR/NUL. */
  private static String expectedOriginal(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\0')) {
      end--;
    }
    return s.substring(0, end);
  }

  private static String describe(byte[] b) {
    return new String(b, StandardCharsets.UTF_8).replace("\n", "\\n").replace("\r", "\\r").replace("\0", "\\0");
  }
}
