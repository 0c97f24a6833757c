package org.soc.collectors.syslog;

import java.net.InetSocketAddress;
import org.soc.agency.Agency;

/**
 * One syslog message as cut from the wire by {@link SyslogFrameDecoder} (TCP) or
 * {@link SyslogDatagramDecoder} (UDP), before parsing. Carries no Netty types.
 *
 * @param payload the message bytes, without framing (octet count, LF, CRLF or NUL)
 * @param originalLength length of the frame on the wire; larger than {@code payload.length} when truncated,
 *     -1 when unknown (a truncated LF-framed line whose end was never seen)
 * @param truncated the frame exceeded the size limit and only its first bytes are kept
 * @param framingError why the bytes are not a valid frame (absurd octet count, stream closed mid-frame), or
 *     null
 * @param sender the peer address; null when the channel has none (tests)
 * @param agency the agency the transport has already authenticated (the name in a mutual-TLS client
 *     certificate), which outranks the lookup by {@code sender} address; null when the transport has none
 */
public record SyslogFrame(
    byte[] payload, int originalLength, boolean truncated, String framingError, InetSocketAddress sender,
    Agency agency) {

  /** A frame whose agency is found by its sender address. */
  public SyslogFrame(byte[] payload, int originalLength, boolean truncated, String framingError,
      InetSocketAddress sender) {
    this(payload, originalLength, truncated, framingError, sender, null);
  }

  public static SyslogFrame of(byte[] payload, InetSocketAddress sender) {
    return new SyslogFrame(payload, payload.length, false, null, sender);
  }

  public SyslogFrame withSender(InetSocketAddress address) {
    return new SyslogFrame(payload, originalLength, truncated, framingError, address, agency);
  }

  /** The same frame, attributed to an agency the transport authenticated. */
  public SyslogFrame withAgency(Agency authenticated) {
    return new SyslogFrame(payload, originalLength, truncated, framingError, sender, authenticated);
  }
}
