package org.soc.collectors.syslog;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts a TCP byte stream into syslog frames per <a href="https://www.rfc-editor.org/rfc/rfc6587#section-3.4">RFC
 * 6587 section 3.4</a>, deciding the framing anew for every frame:
 *
 * <ul>
 *   <li>Octet counting (<a href="https://www.rfc-editor.org/rfc/rfc6587#section-3.4.1">3.4.1</a>):
 *       {@code MSG-LEN SP SYSLOG-MSG}, MSG-LEN a non-zero-led decimal.
 *   <li>Non-transparent framing (<a href="https://www.rfc-editor.org/rfc/rfc6587#section-3.4.2">3.4.2</a>):
 *       the message ends at LF (a CR before it is dropped) or at NUL.
 * </ul>
 *
 * <p>Limits: a message longer than {@code maxFrameBytes} is cut to that size and emitted with
 * {@link SyslogFrame#truncated()} set; the rest of that frame is skipped so the stream stays in sync. An
 * octet count above {@code maxOctetCount} (or with more digits than it has) cannot be trusted to skip by: it
 * is a framing error, emitted as a frame with {@link SyslogFrame#framingError()} holding the bytes up to the
 * next LF, where decoding resumes. Empty frames (blank lines, repeated NUL) are skipped.
 *
 * <p>Stateful: one instance per channel. Emits {@link SyslogFrame} without sender; the next handler adds it.
 */
public final class SyslogFrameDecoder extends ByteToMessageDecoder {
  public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;

  private enum State { FRAME_START, OCTET_BODY, SKIP_OCTETS, LINE, DISCARD_LINE }

  private final int maxFrameBytes;
  private final long maxOctetCount;
  private final int maxCountDigits;

  private State state = State.FRAME_START;
  private int octetCount;
  private long skipRemaining;
  /** LINE: bytes from the reader index already searched for a delimiter. */
  private int scanned;
  /** LINE: the framing error the current line is reported with, or null. */
  private String lineError;

  public SyslogFrameDecoder() {
    this(DEFAULT_MAX_FRAME_BYTES);
  }

  /** Octet counts up to 16 times {@code maxFrameBytes} are truncated and skipped, larger ones are errors. */
  public SyslogFrameDecoder(int maxFrameBytes) {
    this(maxFrameBytes, 16L * maxFrameBytes);
  }

  public SyslogFrameDecoder(int maxFrameBytes, long maxOctetCount) {
    if (maxFrameBytes < 1 || maxOctetCount < maxFrameBytes) {
      throw new IllegalArgumentException("need 0 < maxFrameBytes <= maxOctetCount");
    }
    this.maxFrameBytes = maxFrameBytes;
    this.maxOctetCount = maxOctetCount;
    this.maxCountDigits = Long.toString(maxOctetCount).length();
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (in.isReadable()) {
      boolean progressed = switch (state) {
        case FRAME_START -> frameStart(in);
        case OCTET_BODY -> octetBody(in, out);
        case SKIP_OCTETS -> skipOctets(in);
        case LINE -> line(in, out);
        case DISCARD_LINE -> discardLine(in);
      };
      if (!progressed) {
        return;
      }
    }
  }

  private boolean frameStart(ByteBuf in) {
    int start = in.readerIndex();
    byte first = in.getByte(start);
    if (first == '\n' || first == 0) {
      in.skipBytes(1);
      return true;
    }
    if (first < '1' || first > '9') {
      enterLine(null);
      return true;
    }
    int end = in.writerIndex();
    long count = 0;
    int i = start;
    while (i < end && isDigit(in.getByte(i))) {
      if (i - start >= maxCountDigits) {
        enterLine("octet count has more than " + maxCountDigits + " digits");
        return true;
      }
      count = count * 10 + (in.getByte(i) - '0');
      i++;
    }
    if (i == end) {
      return false;
    }
    if (in.getByte(i) != ' ') {
      // Digits not followed by SP: a non-transparent line that happens to start with a digit.
      enterLine(null);
      return true;
    }
    if (count > maxOctetCount) {
      enterLine("octet count " + count + " exceeds the limit of " + maxOctetCount);
      return true;
    }
    in.readerIndex(i + 1);
    octetCount = (int) count;
    state = State.OCTET_BODY;
    return true;
  }

  private void enterLine(String error) {
    state = State.LINE;
    lineError = error;
    scanned = 0;
  }

  private boolean octetBody(ByteBuf in, List<Object> out) {
    if (octetCount <= maxFrameBytes) {
      if (in.readableBytes() < octetCount) {
        return false;
      }
      out.add(new SyslogFrame(read(in, octetCount), octetCount, false, null, null));
      state = State.FRAME_START;
      return true;
    }
    if (in.readableBytes() < maxFrameBytes) {
      return false;
    }
    out.add(new SyslogFrame(read(in, maxFrameBytes), octetCount, true, null, null));
    skipRemaining = (long) octetCount - maxFrameBytes;
    state = State.SKIP_OCTETS;
    return true;
  }

  private boolean skipOctets(ByteBuf in) {
    int n = (int) Math.min(in.readableBytes(), skipRemaining);
    in.skipBytes(n);
    skipRemaining -= n;
    if (skipRemaining == 0) {
      state = State.FRAME_START;
    }
    return true;
  }

  private boolean line(ByteBuf in, List<Object> out) {
    int start = in.readerIndex();
    // A frame of exactly maxFrameBytes may still be followed by CR LF.
    int window = Math.min(in.readableBytes(), maxFrameBytes + 2);
    int delimiter = indexOfDelimiter(in, start + scanned, start + window);
    if (delimiter >= 0) {
      int length = delimiter - start;
      if (length > 0 && in.getByte(delimiter - 1) == '\r' && in.getByte(delimiter) == '\n') {
        length--;
      }
      if (length > 0 || lineError != null) {
        boolean truncated = length > maxFrameBytes;
        int keep = Math.min(length, maxFrameBytes);
        out.add(new SyslogFrame(read(in, keep), length, truncated, lineError, null));
      }
      in.readerIndex(delimiter + 1);
      state = State.FRAME_START;
      lineError = null;
      return true;
    }
    if (window >= maxFrameBytes + 2) {
      out.add(new SyslogFrame(read(in, maxFrameBytes), -1, true, lineError, null));
      lineError = null;
      state = State.DISCARD_LINE;
      return true;
    }
    scanned = window;
    return false;
  }

  private boolean discardLine(ByteBuf in) {
    int delimiter = indexOfDelimiter(in, in.readerIndex(), in.writerIndex());
    if (delimiter < 0) {
      in.skipBytes(in.readableBytes());
      return false;
    }
    in.readerIndex(delimiter + 1);
    state = State.FRAME_START;
    return true;
  }

  /** At end of stream: what is left is the last line, or an octet-counted frame cut short. */
  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
    if (in.isReadable()) {
      decode(ctx, in, out);
    }
    int left = in.readableBytes();
    if (left == 0) {
      return;
    }
    switch (state) {
      case FRAME_START, LINE ->
          out.add(new SyslogFrame(read(in, Math.min(left, maxFrameBytes)), left, left > maxFrameBytes,
              lineError, null));
      case OCTET_BODY ->
          out.add(new SyslogFrame(read(in, Math.min(left, maxFrameBytes)), left, false,
              "stream ended after " + left + " of " + octetCount + " octets of a frame", null));
      default -> { }
    }
    in.skipBytes(in.readableBytes());
    state = State.FRAME_START;
  }

  private static int indexOfDelimiter(ByteBuf in, int from, int to) {
    if (from >= to) {
      return -1;
    }
    return in.forEachByte(from, to - from, b -> b != '\n' && b != 0);
  }

  private static byte[] read(ByteBuf in, int n) {
    byte[] bytes = new byte[n];
    in.readBytes(bytes);
    return bytes;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
