package org.soc.collectors.syslog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Syslog over TLS (<a href="https://www.rfc-editor.org/rfc/rfc5425">RFC 5425</a>). There is deliberately no
 * option to trust every client or to skip verification: a client certificate is either not asked for
 * ({@link ClientAuth#NONE}) or verified against {@code clientCa}.
 *
 * @param port TCP port; 6514 is the IANA port for syslog-tls, 0 picks a free one
 * @param certificateChain PEM file: the server certificate first, then its intermediates
 * @param privateKey PEM file with the server's unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY})
 * @param clientCa PEM file of the CA certificates client certificates must chain to; required unless
 *     {@code clientAuth} is {@link ClientAuth#NONE}
 * @param clientAuth whether a client certificate is asked for (mutual TLS)
 * @param protocols enabled protocol versions, of {@code TLSv1.2} and {@code TLSv1.3}
 * @param provider TLS implementation
 * @param handshakeTimeout a connection that has not finished its handshake by then is closed (counted)
 * @param reloadCheckInterval how often the three files are checked for change (modification time, size,
 *     inode); a changed set is loaded for new connections, established ones keep theirs
 * @param rejectUnknownClientNames mutual TLS: close a connection whose verified client certificate names no
 *     agency (true), or accept it with agency {@code unknown} (false). A verified certificate always outranks
 *     the source-address lookup, so its messages are never attributed by address
 */
public record SyslogTlsConfig(
    int port,
    Path certificateChain,
    Path privateKey,
    Path clientCa,
    ClientAuth clientAuth,
    List<String> protocols,
    Provider provider,
    Duration handshakeTimeout,
    Duration reloadCheckInterval,
    boolean rejectUnknownClientNames) {

  public static final int DEFAULT_PORT = 6514;
  private static final Set<String> SUPPORTED_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  /** Mutual TLS mode. */
  public enum ClientAuth {
    /** No client certificate is asked for; the agency comes from the source address. */
    NONE,
    /** A client certificate is asked for and verified if sent; without one the source address decides. */
    OPTIONAL,
    /** The handshake fails without a client certificate that chains to {@code clientCa}. */
    REQUIRE
  }

  /** TLS implementation. */
  public enum Provider {
    /** The JDK's JSSE. */
    JDK,
    /** BoringSSL through netty-tcnative-boringssl-static; falls back to JDK (logged) when unavailable. */
    OPENSSL
  }

  public SyslogTlsConfig {
    Objects.requireNonNull(certificateChain, "certificateChain");
    Objects.requireNonNull(privateKey, "privateKey");
    clientAuth = clientAuth == null ? ClientAuth.NONE : clientAuth;
    protocols = protocols == null || protocols.isEmpty() ? List.of("TLSv1.3", "TLSv1.2") : List.copyOf(protocols);
    provider = provider == null ? Provider.JDK : provider;
    handshakeTimeout = handshakeTimeout == null ? Duration.ofSeconds(10) : handshakeTimeout;
    reloadCheckInterval = reloadCheckInterval == null ? Duration.ofMinutes(1) : reloadCheckInterval;
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("TLS port out of range: " + port);
    }
    if (clientAuth != ClientAuth.NONE && clientCa == null) {
      throw new IllegalArgumentException("client_auth " + clientAuth + " needs client_ca (the CA clients chain to)");
    }
    for (String protocol : protocols) {
      if (!SUPPORTED_PROTOCOLS.contains(protocol)) {
        throw new IllegalArgumentException("unsupported TLS protocol " + protocol + "; use TLSv1.2 and/or TLSv1.3");
      }
    }
    if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()
        || reloadCheckInterval.isNegative() || reloadCheckInterval.isZero()) {
      throw new IllegalArgumentException("handshakeTimeout and reloadCheckInterval must be positive");
    }
  }

  /** Port 6514, server authentication only, TLS 1.3 and 1.2, JDK provider, 10 s handshakes, reload check 1 min. */
  public static SyslogTlsConfig of(Path certificateChain, Path privateKey) {
    return new SyslogTlsConfig(DEFAULT_PORT, certificateChain, privateKey, null, ClientAuth.NONE, null, null, null,
        null, false);
  }

  public SyslogTlsConfig withPort(int value) {
    return new SyslogTlsConfig(value, certificateChain, privateKey, clientCa, clientAuth, protocols, provider,
        handshakeTimeout, reloadCheckInterval, rejectUnknownClientNames);
  }

  /** Mutual TLS against {@code ca}. */
  public SyslogTlsConfig withClientAuth(ClientAuth mode, Path ca, boolean rejectUnknownNames) {
    return new SyslogTlsConfig(port, certificateChain, privateKey, ca, mode, protocols, provider, handshakeTimeout,
        reloadCheckInterval, rejectUnknownNames);
  }

  public SyslogTlsConfig withProtocols(List<String> value) {
    return new SyslogTlsConfig(port, certificateChain, privateKey, clientCa, clientAuth, value, provider,
        handshakeTimeout, reloadCheckInterval, rejectUnknownClientNames);
  }

  public SyslogTlsConfig withProvider(Provider value) {
    return new SyslogTlsConfig(port, certificateChain, privateKey, clientCa, clientAuth, protocols, value,
        handshakeTimeout, reloadCheckInterval, rejectUnknownClientNames);
  }

  public SyslogTlsConfig withHandshakeTimeout(Duration value) {
    return new SyslogTlsConfig(port, certificateChain, privateKey, clientCa, clientAuth, protocols, provider, value,
        reloadCheckInterval, rejectUnknownClientNames);
  }

  public SyslogTlsConfig withReloadCheckInterval(Duration value) {
    return new SyslogTlsConfig(port, certificateChain, privateKey, clientCa, clientAuth, protocols, provider,
        handshakeTimeout, value, rejectUnknownClientNames);
  }
}
