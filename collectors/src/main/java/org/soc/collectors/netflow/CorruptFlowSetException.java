package org.soc.collectors.netflow;

import java.net.InetSocketAddress;

/**
 * The bytes contradict the format: truncated header, set or record; a length that lies; a template with no
 * fields, too many fields, a field of length 0 or a reserved template id; a count that disagrees with the
 * contents. Raised for the smallest unit that can be skipped safely (a set when its length is trustworthy,
 * else the rest of the datagram).
 */
public final class CorruptFlowSetException extends FlowException {
  public CorruptFlowSetException(String reason, InetSocketAddress exporter, long domainId, int templateId,
      int offset) {
    super(reason, exporter, domainId, templateId, offset);
  }

  @Override
  public String kind() {
    return "corrupt";
  }
}
