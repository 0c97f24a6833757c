package org.soc.collectors.syslog;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.util.AttributeKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;
import org.soc.agency.Agency;
import org.soc.agency.AgencyRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mutual TLS identity: once the handshake has verified a client certificate, its SAN DNS names and subject CN
 * are looked up with {@link AgencyRegistry#byTlsClientName}; the agency found is stored on the channel
 * ({@link #AGENCY}) and outranks the source-address lookup for every message of the connection. A verified
 * certificate that names no agency (or names two) is closed or attributed to {@link Agency#UNKNOWN}, per
 * {@link SyslogTlsConfig#rejectUnknownClientNames()}. Without a client certificate (client auth optional)
 * nothing is stored and the source address decides. Also counts failed and timed-out handshakes.
 *
 * <p>Sits between the {@link SslHandler} and the frame decoder. Stateless apart from the channel attribute,
 * so one instance serves every TLS connection.
 */
@ChannelHandler.Sharable
final class TlsClientIdentity extends ChannelInboundHandlerAdapter {
  /** The agency named by the verified client certificate. */
  static final AttributeKey<Agency> AGENCY = AttributeKey.valueOf("soc.syslog.tlsAgency");
  /** Whether the connection's messages may pass: null until decided, false once closed for an unknown name. */
  private static final AttributeKey<Boolean> ACCEPTED = AttributeKey.valueOf("soc.syslog.tlsIdentityAccepted");
  private static final Logger LOG = LoggerFactory.getLogger(TlsClientIdentity.class);

  private final AgencyRegistry agencies;
  private final boolean mutual;
  private final boolean rejectUnknown;
  private final SyslogMetrics.Tls counters;

  TlsClientIdentity(AgencyRegistry agencies, SyslogTlsConfig config, SyslogMetrics.Tls counters) {
    this.agencies = agencies;
    this.mutual = config.clientAuth() != SyslogTlsConfig.ClientAuth.NONE;
    this.rejectUnknown = config.rejectUnknownClientNames();
    this.counters = counters;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof SslHandshakeCompletionEvent done) {
      if (done.isSuccess()) {
        counters.handshakes.increment();
        resolve(ctx);
      } else if (done.cause() instanceof SslHandshakeTimeoutException) {
        counters.handshakeTimeouts.increment();
        LOG.debug("TLS handshake from {} timed out", ctx.channel().remoteAddress());
      } else {
        counters.handshakeFailures.increment();
        LOG.info("TLS handshake from {} failed: {}", ctx.channel().remoteAddress(), done.cause().toString());
      }
    }
    ctx.fireUserEventTriggered(evt);
  }

  /**
   * TLS errors (bad handshakes from scanners, untrusted clients) are counted by the handshake event and only
   * close the connection, so a peer cannot flood the log; other errors go on to the message handler.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() instanceof SSLException) {
      LOG.debug("TLS error on connection from {}: {}", ctx.channel().remoteAddress(), cause.getCause().toString());
      ctx.close();
      return;
    }
    ctx.fireExceptionCaught(cause);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    // Normally resolved by the handshake event already; this keeps it independent of event ordering. A rejected
    // connection stays active until SslHandler has sent close_notify, and TLS 1.3 data may arrive in the same
    // read as the handshake's end: nothing of it may pass.
    if (!resolve(ctx)) {
      io.netty.util.ReferenceCountUtil.release(msg);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  /** False when the connection was closed for an unknown client name; decided once per connection. */
  private boolean resolve(ChannelHandlerContext ctx) {
    Boolean decided = ctx.channel().attr(ACCEPTED).get();
    if (decided != null) {
      return decided;
    }
    boolean accepted = decide(ctx);
    ctx.channel().attr(ACCEPTED).set(accepted);
    return accepted;
  }

  private boolean decide(ChannelHandlerContext ctx) {
    if (!mutual) {
      return true;
    }
    SslHandler ssl = ctx.pipeline().get(SslHandler.class);
    X509Certificate peer;
    try {
      Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
      peer = (X509Certificate) chain[0];
    } catch (SSLPeerUnverifiedException e) {
      return true; // client auth optional and no certificate sent: the source address decides
    }
    List<String> names = names(peer);
    Set<Agency> found = new LinkedHashSet<>();
    for (String name : names) {
      agencies.byTlsClientName(name).ifPresent(found::add);
    }
    if (found.size() == 1) {
      ctx.channel().attr(AGENCY).set(found.iterator().next());
      return true;
    }
    counters.unknownClientNames.increment();
    if (rejectUnknown) {
      LOG.warn("closing TLS connection from {}: client certificate names {} {}", ctx.channel().remoteAddress(),
          names, found.isEmpty() ? "no agency" : "several agencies " + found.stream().map(Agency::id).toList());
      ctx.close();
      return false;
    }
    LOG.info("TLS client {} presents names {} of {}; its messages are attributed to agency unknown",
        ctx.channel().remoteAddress(), names, found.isEmpty() ? "no agency" : "several agencies");
    ctx.channel().attr(AGENCY).set(Agency.UNKNOWN);
    return true;
  }

  /** SAN DNS names first, then the subject CN. */
  static List<String> names(X509Certificate certificate) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (san.size() >= 2 && Integer.valueOf(2).equals(san.get(0)) && san.get(1) instanceof String dns) {
            names.add(dns);
          }
        }
      }
    } catch (CertificateParsingException e) {
      LOG.debug("unreadable subjectAltName in client certificate {}", certificate.getSubjectX500Principal(), e);
    }
    commonName(certificate.getSubjectX500Principal()).ifPresent(names::add);
    return names;
  }

  private static Optional<String> commonName(X500Principal subject) {
    try {
      for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253)).getRdns()) {
        if ("CN".equalsIgnoreCase(rdn.getType()) && rdn.getValue() instanceof String cn) {
          return Optional.of(cn);
        }
      }
    } catch (InvalidNameException e) {
      LOG.debug("unparseable client certificate subject {}", subject, e);
    }
    return Optional.empty();
  }
}
