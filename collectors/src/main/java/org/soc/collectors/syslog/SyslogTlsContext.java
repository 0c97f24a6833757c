package org.soc.collectors.syslog;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server {@link SslContext} of the TLS listener, rebuilt when its PEM files change so certificates can be
 * renewed without a restart. {@link #reloadIfChanged()} runs on a schedule: it compares each file's
 * modification time, size and inode with the last loaded set and, when any differs, builds a new context.
 * New connections take {@link #current()}; established ones keep the context they were accepted with. A set
 * that does not load (a renewal caught half-written, a key that does not parse) is logged and counted, the
 * previous context stays in use, and the next check tries again. Renewal tools replace the certificate and
 * the key one after the other, so a check can see a new certificate with the old key: before a set is used,
 * the key must sign what the certificate's public key verifies, or the set is treated as not loading.
 */
final class SyslogTlsContext {
  private static final Logger LOG = LoggerFactory.getLogger(SyslogTlsContext.class);
  private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PKCS8_END = "-----END PRIVATE KEY-----";

  private final SyslogTlsConfig config;
  private final SyslogMetrics.Tls counters;
  private final SslProvider provider;
  private volatile SslContext current;
  private List<Object> loadedFingerprint;

  /**
   * Loads the files once.
   *
   * @throws SyslogServerException when they cannot be loaded at start (there is no previous context to keep)
   */
  SyslogTlsContext(SyslogTlsConfig config, SyslogMetrics.Tls counters) {
    this.config = config;
    this.counters = counters;
    this.provider = provider(config.provider());
    List<Object> fingerprint;
    try {
      fingerprint = fingerprint();
      current = build();
    } catch (SSLException | RuntimeException e) {
      throw new SyslogServerException("cannot load the syslog TLS certificate " + config.certificateChain()
          + " / key " + config.privateKey() + (config.clientCa() == null ? "" : " / client CA " + config.clientCa())
          + ": " + e.getMessage(), e);
    }
    loadedFingerprint = fingerprint;
  }

  private static SslProvider provider(SyslogTlsConfig.Provider wanted) {
    if (wanted == SyslogTlsConfig.Provider.OPENSSL) {
      if (OpenSsl.isAvailable()) {
        return SslProvider.OPENSSL;
      }
      LOG.warn("syslog TLS provider OPENSSL asked for but not available ({}); using the JDK provider",
          String.valueOf(OpenSsl.unavailabilityCause()));
    }
    return SslProvider.JDK;
  }

  /** The provider actually in use. */
  SslProvider provider() {
    return provider;
  }

  SslContext current() {
    return current;
  }

  /** Scheduled: rebuilds the context if a file changed since the last successful load. Never throws. */
  synchronized void reloadIfChanged() {
    List<Object> fingerprint;
    try {
      fingerprint = fingerprint();
    } catch (RuntimeException e) {
      counters.reloadFailures.increment();
      LOG.warn("syslog TLS files not readable, keeping the loaded certificate: {}", e.toString());
      return;
    }
    if (fingerprint.equals(loadedFingerprint)) {
      return;
    }
    try {
      current = build();
      loadedFingerprint = fingerprint;
      counters.reloads.increment();
      LOG.info("syslog TLS certificate reloaded from {}; new connections use it", config.certificateChain());
    } catch (SSLException | RuntimeException e) {
      counters.reloadFailures.increment();
      LOG.warn("syslog TLS files changed but do not load, keeping the previous certificate: {}", e.toString());
    }
  }

  private SslContext build() throws SSLException {
    checkKeyMatchesCertificate(config.certificateChain(), config.privateKey());
    SslContextBuilder b = SslContextBuilder
        .forServer(config.certificateChain().toFile(), config.privateKey().toFile())
        .sslProvider(provider)
        .protocols(config.protocols());
    if (config.clientAuth() != SyslogTlsConfig.ClientAuth.NONE) {
      b.trustManager(config.clientCa().toFile())
          .clientAuth(config.clientAuth() == SyslogTlsConfig.ClientAuth.REQUIRE ? ClientAuth.REQUIRE
              : ClientAuth.OPTIONAL);
    }
    return b.build();
  }

  /**
   * @throws SSLException when the PKCS#8 key in {@code keyFile} is not the private half of the first
   *     certificate in {@code chainFile}
   */
  static void checkKeyMatchesCertificate(Path chainFile, Path keyFile) throws SSLException {
    try {
      X509Certificate leaf;
      try (java.io.InputStream in = Files.newInputStream(chainFile)) {
        leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      }
      String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
      int begin = pem.indexOf(PKCS8_BEGIN);
      int end = pem.indexOf(PKCS8_END);
      if (begin < 0 || end < begin) {
        throw new SSLException(keyFile + " holds no PKCS#8 key (-----BEGIN PRIVATE KEY-----)");
      }
      byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + PKCS8_BEGIN.length(), end));
      PublicKey publicKey = leaf.getPublicKey();
      String algorithm = publicKey.getAlgorithm();
      PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      String signatureAlgorithm = switch (algorithm) {
        case "RSA" -> "SHA256withRSA";
        case "EC" -> "SHA256withECDSA";
        default -> algorithm; // Ed25519, Ed448
      };
      byte[] probe = "syslog-tls key check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(signatureAlgorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(signatureAlgorithm);
      verifier.initVerify(publicKey);
      verifier.update(probe);
      if (!verifier.verify(signature)) {
        throw new SSLException("private key " + keyFile + " does not belong to certificate "
            + leaf.getSubjectX500Principal() + " in " + chainFile);
      }
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw e instanceof SSLException ssl ? ssl
          : new SSLException("cannot check " + keyFile + " against " + chainFile + ": " + e.getMessage(), e);
    }
  }

  private List<Object> fingerprint() {
    List<Object> out = new ArrayList<>();
    for (Path file : new Path[] {config.certificateChain(), config.privateKey(), config.clientCa()}) {
      if (file == null) {
        continue;
      }
      try {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        out.add(List.of(file.toString(), a.lastModifiedTime().toMillis(), a.size(),
            Objects.requireNonNullElse(a.fileKey(), "")));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(file + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
