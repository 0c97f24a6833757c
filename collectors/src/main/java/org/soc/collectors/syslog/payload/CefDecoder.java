package org.soc.collectors.syslog.payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.soc.collectors.syslog.PayloadDecoder;
import org.soc.collectors.syslog.SyslogMessage;

/**
 * ArcSight Common Event Format ("Implementing ArcSight CEF", revision 25):
 * {@code CEF:Version|Device Vendor|Device Product|Device Version|Signature ID|Name|Severity|Extension}. Header
 * fields escape {@code \|} and {@code \\}; the extension is parsed by {@link KeyValues#cefExtension}. Mapped to
 * ECS: {@code src}/{@code spt}/{@code dst}/{@code dpt} (and {@code c6a2}/{@code c6a3} IPv6), {@code suser}
 * ({@code user.name}, else {@code duser}), {@code act}, {@code proto}, {@code in}/{@code out} bytes,
 * {@code outcome}, {@code request} and friends to the url/http labels; Severity 0-10 (or Low/Medium/High/
 * Very-High) to {@code event.severity}; Signature ID to {@code event.code}. Every other extension key is kept
 * as label {@code cef.extensions.<key>}. The header may follow other text (a relay's hostname).
 */
public final class CefDecoder implements PayloadDecoder {
  private static final int MAX_PREFIX = 128;

  @Override
  public Optional<Decoded> decode(SyslogMessage message) {
    String text = message.message();
    int start = text == null ? -1 : text.indexOf("CEF:");
    if (start < 0 || start > MAX_PREFIX || (start > 0 && text.charAt(start - 1) != ' ')) {
      return Optional.empty();
    }
    List<String> header = new ArrayList<>(7);
    int i = start + 4;
    StringBuilder cur = new StringBuilder();
    while (i < text.length() && header.size() < 7) {
      char ch = text.charAt(i++);
      if (ch == '\\' && i < text.length() && (text.charAt(i) == '|' || text.charAt(i) == '\\')) {
        cur.append(text.charAt(i++));
      } else if (ch == '|') {
        header.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    if (header.size() < 7) {
      return Optional.empty();
    }
    Map<String, String> ext = KeyValues.cefExtension(text.substring(i));
    Builder b = Decoded.builder().severity(severity(header.get(6))).label("cef.version", header.get(0))
        .label("observer.vendor", header.get(1)).label("observer.product", header.get(2))
        .label("observer.version", header.get(3)).label("event.code", header.get(4)).label("cef.name", header.get(5))
        .label("event.module", "cef");
    String suser = ext.remove("suser");
    String duser = ext.remove("duser");
    b.user(suser != null ? suser : duser).label("source.user.name", suser).label("destination.user.name", duser);
    String src = ext.remove("src");
    String dst = ext.remove("dst");
    b.sourceIp(src != null ? src : ext.get("c6a2")).destinationIp(dst != null ? dst : ext.get("c6a3"))
        .sourcePort(ext.remove("spt")).destinationPort(ext.remove("dpt")).transport(ext.remove("proto"))
        .sourceBytes(ext.remove("in")).destinationBytes(ext.remove("out")).action(ext.remove("act"))
        .outcome(outcome(ext.remove("outcome")))
        .label("url.original", ext.remove("request")).label("http.request.method", ext.remove("requestMethod"))
        .label("user_agent.original", ext.remove("requestClientApplication"))
        .label("source.domain", ext.remove("shost")).label("destination.domain", ext.remove("dhost"))
        .label("source.mac", ext.remove("smac")).label("destination.mac", ext.remove("dmac"))
        .label("event.reason", ext.remove("reason"));
    ext.forEach((k, v) -> b.label("cef.extensions." + k, v));
    return b.build();
  }

  /** CEF Severity: 0-10, or Unknown/Low/Medium/High/Very-High (revision 23+). */
  static Integer severity(String s) {
    switch (s.strip().toLowerCase(Locale.ROOT)) {
      case "low": return 3;
      case "medium": return 6;
      case "high": return 8;
      case "very-high": return 10;
      default:
        Long n = Values.count(s.strip());
        return n != null && n <= 10 ? n.intValue() : null;
    }
  }

  private static String outcome(String v) {
    if (v == null) {
      return null;
    }
    String s = v.toLowerCase(Locale.ROOT);
    return s.startsWith("success") || s.equals("allowed") ? "success"
        : s.startsWith("fail") || s.equals("blocked") || s.equals("denied") ? "failure" : "unknown";
  }
}
