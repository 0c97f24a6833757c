package org.soc.collectors.syslog;

import java.util.List;
import org.soc.collectors.syslog.payload.AccessLogDecoder;
import org.soc.collectors.syslog.payload.CefDecoder;
import org.soc.collectors.syslog.payload.CiscoAsaDecoder;
import org.soc.collectors.syslog.payload.CiscoIosDecoder;
import org.soc.collectors.syslog.payload.FortiGateDecoder;
import org.soc.collectors.syslog.payload.JsonPayloadDecoder;
import org.soc.collectors.syslog.payload.JunosDecoder;
import org.soc.collectors.syslog.payload.LeefDecoder;
import org.soc.collectors.syslog.payload.LinuxAccountDecoder;
import org.soc.collectors.syslog.payload.NetfilterDecoder;
import org.soc.collectors.syslog.payload.OpenSshDecoder;
import org.soc.collectors.syslog.payload.PaloAltoDecoder;
import org.soc.collectors.syslog.payload.SuDecoder;
import org.soc.collectors.syslog.payload.SudoDecoder;

/** The payload decoders shipped with the collector, in the order {@link SyslogMessageParser} asks them. */
public final class PayloadDecoders {
  private PayloadDecoders() {}

  /**
   * Program-specific decoders first (they look at the TAG/APP-NAME only), then the vendor formats recognised by
   * their shape. The order matters only where two could match: Cisco ASA before the generic Cisco mnemonic.
   */
  public static List<PayloadDecoder> defaults() {
    return List.of(
        new OpenSshDecoder(),
        new SudoDecoder(),
        new SuDecoder(),
        new LinuxAccountDecoder(),
        new CiscoAsaDecoder(),
        new CiscoIosDecoder(),
        new JunosDecoder(),
        new CefDecoder(),
        new LeefDecoder(),
        new FortiGateDecoder(),
        new PaloAltoDecoder(),
        new NetfilterDecoder(),
        new JsonPayloadDecoder(),
        new AccessLogDecoder());
  }
}
