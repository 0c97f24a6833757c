package org.soc.collectors.syslog;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.soc.agency.Agency;
import org.soc.agency.AgencyRegistry;
import org.soc.schema.Event;
import org.soc.schema.EventBuilder;
import org.soc.schema.EventIdGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one syslog frame into one {@link Event}: decodes UTF-8, tells
 * <a href="https://www.rfc-editor.org/rfc/rfc5424#section-6">RFC 5424</a> ({@code <PRI>VERSION SP}) from
 * <a href="https://www.rfc-editor.org/rfc/rfc3164#section-4.1">RFC 3164</a>, looks up the sending agency,
 * applies the {@link PayloadDecoder}s and fills the ECS fields.
 *
 * <p>Never throws for bad input: anything the parsers reject ({@link SyslogParseException}), bytes that are
 * not UTF-8 and framing errors become an event tagged {@code _parse_failure} with {@code error.type/message},
 * {@code event.original} (decoded with replacement characters), {@code soc.original_length} and, when the
 * bytes are not valid UTF-8, {@code soc.original_base64} with the exact bytes. A line that is only not valid
 * UTF-8 is still parsed, so its fields are kept next to the flag. Thread-safe.
 */
public final class SyslogMessageParser {
  public static final String INPUT_UDP = "syslog-udp";
  public static final String INPUT_TCP = "syslog-tcp";
  public static final String DATASET = "syslog";
  /** Tag of a message cut at the size limit; {@code soc.truncated} is true as well. */
  public static final String TAG_TRUNCATED = "_truncated";
  /** Tag of a message without a usable timestamp, whose {@code @timestamp} is the receive time. */
  public static final String TAG_RECEIVE_TIME = "_timestamp_from_receive_time";

  private static final Logger LOG = LoggerFactory.getLogger(SyslogMessageParser.class);
  private static final char REPLACEMENT_CHARACTER = '\uFFFD';

  private final AgencyRegistry agencies;
  private final Clock clock;
  private final EventIdGenerator ids;
  /** Longest TAG and PID of an embedded {@code TAG[PID]: } prefix, as {@link #unwrapEmbeddedTag} accepts them. */
  private static final int MAX_EMBEDDED_TAG = 48;
  private static final int MAX_EMBEDDED_PID = 10;

  private final List<PayloadDecoder> decoders;
  private final Rfc5424Parser rfc5424 = new Rfc5424Parser();
  private final Rfc3164Parser rfc3164;

  public SyslogMessageParser(
      AgencyRegistry agencies, Clock clock, EventIdGenerator ids, List<PayloadDecoder> decoders) {
    this.agencies = agencies;
    this.clock = clock;
    this.ids = ids;
    this.decoders = List.copyOf(decoders);
    this.rfc3164 = new Rfc3164Parser(clock);
  }

  /** With the payload decoders shipped here, {@link PayloadDecoders#defaults()}. */
  public static SyslogMessageParser withDefaultDecoders(AgencyRegistry agencies, Clock clock, EventIdGenerator ids) {
    return new SyslogMessageParser(agencies, clock, ids, PayloadDecoders.defaults());
  }

  /** Parses an unframed, untruncated message. */
  public Event parse(byte[] bytes, InetSocketAddress sender, String input) {
    return parse(SyslogFrame.of(bytes, sender), input);
  }

  /** @param input {@link #INPUT_UDP} or {@link #INPUT_TCP}, written to {@code soc.input} */
  public Event parse(SyslogFrame frame, String input) {
    Instant now = clock.instant();
    InetSocketAddress sender = frame.sender();
    InetAddress address = sender == null ? null : sender.getAddress();
    Agency agency = frame.agency() != null ? frame.agency()
        : address == null ? Agency.UNKNOWN : agencies.lookup(address);
    byte[] bytes = frame.payload();
    String text = decodeStrict(bytes);
    boolean utf8 = text != null;
    if (!utf8) {
      text = new String(bytes, StandardCharsets.UTF_8);
    }
    String line = stripTrailingTerminators(text);

    EventBuilder b = Event.builder()
        .observer(sender == null ? null
            : new Event.Observer(address == null ? sender.getHostString() : address.getHostAddress(),
                sender.getPort(), null, "syslog"))
        .organization(agency.organization())
        .soc(new Event.SocInfo(utf8 ? null : Base64.getEncoder().encodeToString(bytes),
            frame.originalLength() >= 0 ? frame.originalLength() : null,
            frame.truncated() ? Boolean.TRUE : null, input, null));
    if (frame.truncated()) {
      b.tag(TAG_TRUNCATED);
    }
    String eventId = ids.next(now);

    if (frame.framingError() != null) {
      return failure(b, eventId, now, line, "framing_error", frame.framingError());
    }
    if (line.isEmpty()) {
      return failure(b, eventId, now, line, "empty", "empty message");
    }
    SyslogMessage msg;
    try {
      msg = Rfc5424Parser.looksLikeRfc5424(line)
          ? rfc5424.parse(line, agency.timeZone())
          : rfc3164.parse(line, agency.timeZone());
    } catch (SyslogParseException e) {
      return failure(b, eventId, now, line, e.type(), e.getMessage());
    } catch (RuntimeException e) {
      // A parser bug, not bad input: keep the message flagged and make the bug loud.
      LOG.error("syslog parser failed unexpectedly on a {}-byte message from {}", bytes.length, sender, e);
      return failure(b, eventId, now, line, "internal_error", e.toString());
    }
    fill(b, msg, eventId, now, line);
    if (!utf8) {
      b.parseFailure("invalid_utf8", "message is not valid UTF-8; exact bytes in soc.original_base64");
    }
    return b.build();
  }

  private void fill(EventBuilder b, SyslogMessage msg, String eventId, Instant now, String line) {
    Instant timestamp = msg.timestamp();
    if (timestamp == null) {
      timestamp = now;
      b.tag(TAG_RECEIVE_TIME);
    }
    SyslogMessage decodedAs = msg;  // log.syslog.* keeps the header as sent; process.* and message what was decoded
    PayloadDecoder.Decoded d = decode(b, msg);
    if (d == null) {
      // Relays and util-linux `logger` wrap a whole "sshd[123]: text" line as the MSG of their own header
      // (APP-NAME then names the relay or the user). When no decoder knows the line as sent but one knows it
      // under its embedded tag, the embedded tag names the real program.
      SyslogMessage unwrapped = unwrapEmbeddedTag(msg);
      if (unwrapped != null) {
        PayloadDecoder.Decoded inner = decode(b, unwrapped);
        if (inner != null) {
          d = inner;
          decodedAs = unwrapped;
        }
      }
    }
    String program = decodedAs.appName();
    String procId = decodedAs.procId();
    String text = decodedAs.message();
    b.timestamp(timestamp)
        .event(new Event.EventInfo(eventId, "event", d == null ? null : d.category(),
            d == null ? null : d.type(), d == null ? null : d.action(), d == null ? null : d.outcome(),
            d == null || d.severity() == null ? msg.severity() : d.severity(), line, now, DATASET, null, null))
        .log(new Event.LogInfo(new Event.SyslogInfo(
            new Event.Code(msg.facility(), SyslogPriority.facilityName(msg.facility())),
            new Event.Code(msg.severity(), SyslogPriority.severityName(msg.severity())),
            msg.priority(), msg.version(), msg.appName(), msg.procId(), msg.msgId(), msg.hostname(),
            msg.structuredData())))
        .message(text);
    if (msg.hostname() != null) {
      b.host(new Event.HostInfo(msg.hostname()));
    }
    if (program != null || procId != null) {
      b.process(new Event.ProcessInfo(program, pid(procId)));
    }
    if (msg.sequence() != null) {
      b.label("event.sequence", Long.toString(msg.sequence()));
    }
    if (d != null) {
      if (d.userName() != null) {
        b.user(new Event.UserInfo(d.userName()));
      }
      b.source(d.source()).destination(d.destination()).network(d.network());
      d.labels().forEach(b::label);
    }
  }

  /**
   * The first decoder's result, or null. A decoder that throws has a bug (they must answer empty for what they
   * do not understand): the event keeps its header fields, is flagged {@code decoder_error} and the bug is
   * logged loudly; the next decoders are not asked.
   */
  private PayloadDecoder.Decoded decode(EventBuilder b, SyslogMessage msg) {
    for (PayloadDecoder decoder : decoders) {
      try {
        Optional<PayloadDecoder.Decoded> decoded = decoder.decode(msg);
        if (decoded.isPresent()) {
          return decoded.get();
        }
      } catch (RuntimeException e) {
        LOG.error("payload decoder {} failed on a message from {}", decoder.getClass().getSimpleName(),
            msg.hostname(), e);
        b.parseFailure("decoder_error", decoder.getClass().getSimpleName() + ": " + e);
        return null;
      }
    }
    return null;
  }

  private static Event failure(EventBuilder b, String eventId, Instant now, String line, String type, String reason) {
    return b.timestamp(now)
        .event(new Event.EventInfo(eventId, "event", null, null, null, null, null, line, now, DATASET, null, null))
        .message(line.isEmpty() ? null : line)
        .parseFailure(type, reason)
        .build();
  }

  /**
   * The message as sent by the program named in a leading {@code TAG[PID]: } of its MSG, or null when MSG does
   * not start with one. The tag is 1 to 48 of {@code [A-Za-z0-9_./-]}, the optional PID 1 to 10 ASCII digits in
   * brackets, then colon and space (what the regex {@code ([A-Za-z0-9_./-]{1,48})(?:\[(\d{1,10})\])?: } matched
   * before). Scanned by hand, with no {@code Matcher} or {@code Optional}: it runs for every message no decoder
   * knew as sent (loggen's {@code seq: ...} lines, for one).
   */
  static SyslogMessage unwrapEmbeddedTag(SyslogMessage msg) {
    String text = msg.message();
    if (text == null) {
      return null;
    }
    int length = text.length();
    int tagEnd = 0;
    while (tagEnd < length && tagEnd <= MAX_EMBEDDED_TAG && isTagChar(text.charAt(tagEnd))) {
      tagEnd++;
    }
    if (tagEnd == 0 || tagEnd > MAX_EMBEDDED_TAG) {
      return null;
    }
    int i = tagEnd;
    String pid = null;
    if (i < length && text.charAt(i) == '[') {
      int digitsStart = i + 1;
      int digitsEnd = digitsStart;
      while (digitsEnd < length && digitsEnd - digitsStart <= MAX_EMBEDDED_PID
          && Timestamps.isDigit(text.charAt(digitsEnd))) {
        digitsEnd++;
      }
      int digits = digitsEnd - digitsStart;
      if (digits == 0 || digits > MAX_EMBEDDED_PID || digitsEnd >= length || text.charAt(digitsEnd) != ']') {
        return null;
      }
      pid = text.substring(digitsStart, digitsEnd);
      i = digitsEnd + 1;
    }
    if (i + 1 >= length || text.charAt(i) != ':' || text.charAt(i + 1) != ' ') {
      return null;
    }
    return new SyslogMessage(msg.priority(), msg.version(), msg.timestamp(), msg.hostname(),
        text.substring(0, tagEnd), pid, msg.msgId(), msg.structuredData(), text.substring(i + 2), msg.sequence());
  }

  private static boolean isTagChar(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
        || ch == '_' || ch == '.' || ch == '/' || ch == '-';
  }

  private static Long pid(String procId) {
    if (procId == null || procId.isEmpty() || procId.length() > 18) {
      return null;
    }
    for (int i = 0; i < procId.length(); i++) {
      if (!Timestamps.isDigit(procId.charAt(i))) {
        return null;
      }
    }
    return Long.parseLong(procId);
  }

  /** The text, or null when the bytes are not well-formed UTF-8. */
  private static String decodeStrict(byte[] bytes) {
    // Fast path, for nearly every message: the JDK's String decoding (intrinsified for ASCII) replaces every
    // malformed sequence with U+FFFD, so a result without U+FFFD is well-formed (for an ASCII or Latin-1 string
    // indexOf answers without scanning). Only a line with U+FFFD, sent or substituted, takes the strict decoder.
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.indexOf(REPLACEMENT_CHARACTER) < 0) {
      return text;
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Drops trailing LF, CR and NUL that UDP senders append. */
  private static String stripTrailingTerminators(String s) {
    int end = s.length();
    while (end > 0) {
      char ch = s.charAt(end - 1);
      if (ch != '\n' && ch != '\r' && ch != '\0') {
        break;
      }
      end--;
    }
    return s.substring(0, end);
  }
}
