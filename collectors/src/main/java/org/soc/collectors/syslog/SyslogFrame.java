package org.soc.collectors.syslog;

import java.net.InetSocketAddress;

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
 */
public record SyslogFrame(
    byte[] payload, int originalLength, boolean truncated, String framingError, InetSocketAddress sender) {

  public static SyslogFrame of(byte[] payload, InetSocketAddress sender) {
    return new SyslogFrame(payload, payload.length, false, null, sender);
  }

  public SyslogFrame withSender(InetSocketAddress address) {
    return new SyslogFrame(payload, originalLength, truncated, framingError, address);
  }
}
