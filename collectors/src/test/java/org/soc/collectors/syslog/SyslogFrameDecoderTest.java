package org.soc.collectors.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyslogFrameDecoderTest {
  private static final String A = "<13>1 - h a - - - first";
  private static final String B = "<13>Mar 14 09:00:00 h a: second";

  private final EmbeddedChannel channel = new EmbeddedChannel(new SyslogFrameDecoder(64));

  private void write(String... chunks) {
    for (String chunk : chunks) {
      channel.writeInbound(Unpooled.copiedBuffer(chunk, StandardCharsets.UTF_8));
    }
  }

  private List<SyslogFrame> frames() {
    List<SyslogFrame> out = new ArrayList<>();
    SyslogFrame f;
    while ((f = channel.readInbound()) != null) {
      out.add(f);
    }
    return out;
  }

  private List<String> texts() {
    return frames().stream().map(f -> new String(f.payload(), StandardCharsets.UTF_8)).toList();
  }

  private static String counted(String msg) {
    return msg.getBytes(StandardCharsets.UTF_8).length + " " + msg;
  }

  @Test
  void octetCountedFramesAreCutByLength() {
    write(counted(A) + counted(B));
    assertThat(texts()).containsExactly(A, B);
  }

  @Test
  void octetCountedFrameMayContainNewlines() {
    String multiLine = "<13>1 - h a - - - line1\nline2";
    write(counted(multiLine));
    assertThat(texts()).containsExactly(multiLine);
  }

  @Test
  void lfFramesAreSplitAtNewline() {
    write(A + "\n" + B + "\n");
    assertThat(texts()).containsExactly(A, B);
  }

  @Test
  void crlfFramesLoseTheCarriageReturn() {
    write(A + "\r\n" + B + "\r\n");
    assertThat(texts()).containsExactly(A, B);
  }

  @Test
  void nulFramesAreSplitAtNul() {
    write(A + "\0" + B + "\0");
    assertThat(texts()).containsExactly(A, B);
  }

  @Test
  void framingIsDetectedPerFrame() {
    write(counted(A) + B + "\n" + counted(B) + A + "\0" + counted(A));
    assertThat(texts()).containsExactly(A, B, B, A, A);
  }

  @Test
  void framesSplitAcrossReadsAreReassembled() {
    String stream = counted(A) + B + "\r\n" + counted(B);
    for (int i = 0; i < stream.length(); i++) {
      write(stream.substring(i, i + 1));
    }
    assertThat(texts()).containsExactly(A, B, B);
  }

  @Test
  void blankLinesBetweenFramesAreSkipped() {
    write("\n\r\n" + A + "\n\n\0" + counted(B) + "\n");
    assertThat(texts()).containsExactly(A, B);
  }

  @Test
  void oversizeOctetCountedFrameIsTruncatedAndTheStreamStaysInSync() {
    String big = "<13>1 - h a - - - " + "x".repeat(200);
    write(counted(big) + counted(A));
    List<SyslogFrame> frames = frames();
    assertThat(frames).hasSize(2);
    assertThat(frames.get(0).truncated()).isTrue();
    assertThat(frames.get(0).payload()).hasSize(64);
    assertThat(frames.get(0).originalLength()).isEqualTo(big.length());
    assertThat(new String(frames.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo(big.substring(0, 64));
    assertThat(new String(frames.get(1).payload(), StandardCharsets.UTF_8)).isEqualTo(A);
    assertThat(frames.get(1).truncated()).isFalse();
  }

  @Test
  void oversizeLineIsTruncatedAndTheRestOfTheLineSkipped() {
    String big = "<13>Mar 14 09:00:00 h a: " + "y".repeat(300);
    write(big.substring(0, 100), big.substring(100) + "\n" + B + "\n");
    List<SyslogFrame> frames = frames();
    assertThat(frames).hasSize(2);
    assertThat(frames.get(0).truncated()).isTrue();
    assertThat(frames.get(0).originalLength()).isEqualTo(-1);
    assertThat(new String(frames.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo(big.substring(0, 64));
    assertThat(new String(frames.get(1).payload(), StandardCharsets.UTF_8)).isEqualTo(B);
  }

  @Test
  void lineOfExactlyTheLimitIsNotTruncated() {
    String exact = "<13>Mar 14 09:00:00 h a: " + "z".repeat(64 - 25);
    write(exact + "\r\n");
    List<SyslogFrame> frames = frames();
    assertThat(frames).singleElement().satisfies(f -> assertThat(f.truncated()).isFalse());
    assertThat(frames.get(0).payload()).hasSize(64);
  }

  @Test
  void absurdOctetCountIsAFramingErrorAndDecodingResumesAtNextLf() {
    // 2^40 does not fit the limit (16 x 64 bytes): flagged with the bytes up to LF, then the next frame.
    write("1099511627776 <13>1 - h a - - - x\n" + counted(A));
    List<SyslogFrame> frames = frames();
    assertThat(frames).hasSize(2);
    assertThat(frames.get(0).framingError()).contains("more than 4 digits");
    assertThat(new String(frames.get(0).payload(), StandardCharsets.UTF_8))
        .isEqualTo("1099511627776 <13>1 - h a - - - x");
    assertThat(new String(frames.get(1).payload(), StandardCharsets.UTF_8)).isEqualTo(A);
    assertThat(frames.get(1).framingError()).isNull();
  }

  @Test
  void octetCountAboveTheLimitWithFewDigitsIsAFramingError() {
    write("5000 <13>x\n" + B + "\n");
    List<SyslogFrame> frames = frames();
    assertThat(frames.get(0).framingError()).contains("exceeds the limit of 1024");
    assertThat(new String(frames.get(1).payload(), StandardCharsets.UTF_8)).isEqualTo(B);
  }

  @Test
  void lineStartingWithDigitsButNoSpaceIsAnOrdinaryLine() {
    write("2025-03-14 not syslog\n");
    assertThat(frames()).singleElement().satisfies(f -> {
      assertThat(f.framingError()).isNull();
      assertThat(new String(f.payload(), StandardCharsets.UTF_8)).isEqualTo("2025-03-14 not syslog");
    });
  }

  @Test
  void lastLineWithoutNewlineIsDeliveredWhenTheConnectionCloses() {
    write(A + "\n" + B);
    assertThat(texts()).containsExactly(A);
    channel.finish();
    assertThat(texts()).containsExactly(B);
  }

  @Test
  void octetFrameCutShortByCloseIsAFramingError() {
    write("100 <13>1 - h a");
    assertThat(frames()).isEmpty();
    channel.finish();
    assertThat(frames()).singleElement().satisfies(f -> {
      assertThat(f.framingError()).contains("11 of 100 octets");
      assertThat(new String(f.payload(), StandardCharsets.UTF_8)).isEqualTo("<13>1 - h a");
    });
  }
}
