package org.soc.collectors.syslog;

import java.util.List;
import org.soc.collectors.syslog.payload.OpenSshDecoder;

/** The payload decoders shipped with the collector, in the order {@link SyslogMessageParser} asks them. */
public final class PayloadDecoders {
  private PayloadDecoders() {}

  /**
   * Program-specific decoders first (they look at the TAG/APP-NAME only), then the vendor formats recognised by
   * their shape. The order matters only where two could match: Cisco ASA before the generic Cisco mnemonic.
   */
  public static List<PayloadDecoder> defaults() {
    return List.of(
        new OpenSshDecoder());
  }
}
