package org.soc.collectors.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made at test time (EC P-256, BouncyCastle): issues server certificates for
 * 127.0.0.1/localhost and client certificates named after agencies, writes PEM files the way operators deploy
 * them, and builds verifying JDK client contexts (endpoint identification on, trust = this CA only).
 */
public final class TestPki {
  private static final AtomicLong SERIALS = new AtomicLong(1000);

  /** A certificate and its key; {@code issuer} is null for a self-signed CA. */
  public record Issued(X509Certificate certificate, PrivateKey key, Issued issuer) {
    /** This certificate, then its issuers up to (excluding) the root. */
    List<X509Certificate> chain() {
      List<X509Certificate> out = new ArrayList<>();
      for (Issued i = this; i != null && i.issuer != null; i = i.issuer) {
        out.add(i.certificate);
      }
      return out;
    }
  }

  private final Issued ca;

  public TestPki(String name) {
    KeyPair keys = newKeys();
    X500Name subject = new X500Name("CN=" + name + ",O=SOC test");
    this.ca = new Issued(sign(subject, subject, keys, keys.getPrivate(), true, null, null), keys.getPrivate(), null);
  }

  public Issued ca() {
    return ca;
  }

  /** Server certificate for 127.0.0.1 and localhost. */
  public Issued server(String commonName) {
    KeyPair keys = newKeys();
    GeneralNames sans = new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")});
    return new Issued(sign(ca.certificate, new X500Name("CN=" + commonName), keys, ca.key, false, sans,
        KeyPurposeId.id_kp_serverAuth), keys.getPrivate(), ca);
  }

  /** Client certificate with subject CN {@code commonName} and the given SAN DNS names. */
  public Issued client(String commonName, String... sanDnsNames) {
    KeyPair keys = newKeys();
    GeneralNames sans = null;
    if (sanDnsNames.length > 0) {
      GeneralName[] names = new GeneralName[sanDnsNames.length];
      for (int i = 0; i < names.length; i++) {
        names[i] = new GeneralName(GeneralName.dNSName, sanDnsNames[i]);
      }
      sans = new GeneralNames(names);
    }
    return new Issued(sign(ca.certificate, new X500Name("CN=" + commonName + ",O=Agency"), keys, ca.key, false,
        sans, KeyPurposeId.id_kp_clientAuth), keys.getPrivate(), ca);
  }

  private static KeyPair newKeys() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(Object issuer, X500Name subject, KeyPair keys, PrivateKey signingKey,
      boolean isCa, GeneralNames sans, KeyPurposeId purpose) {
    Instant now = Instant.now();
    try {
      X500Name issuerName = issuer instanceof X509Certificate c
          ? X500Name.getInstance(c.getSubjectX500Principal().getEncoded()) : (X500Name) issuer;
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
          BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(Duration.ofDays(2))), subject, keys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      b.addExtension(Extension.keyUsage, true, isCa ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
          : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
      if (sans != null) {
        b.addExtension(Extension.subjectAlternativeName, false, sans);
      }
      if (purpose != null) {
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey)));
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the chain to {@code certFile} and the PKCS#8 key to {@code keyFile}, each replaced atomically. */
  public static void writePem(Issued issued, Path certFile, Path keyFile) {
    StringBuilder chain = new StringBuilder();
    for (X509Certificate c : issued.chain()) {
      chain.append(pem("CERTIFICATE", encoded(c)));
    }
    replace(certFile, chain.toString());
    replace(keyFile, pem("PRIVATE KEY", issued.key().getEncoded()));
  }

  /**
   * The PKCS#8 key as OpenSSL writes it, with the public key inside the SEC1 structure. The JDK leaves the public
   * key out, which GnuTLS (and so rsyslog's gtls driver) refuses: "ASN1 parser: Element was not found".
   */
  public static void writeKeyWithPublicKey(Issued issued, Path keyFile) {
    try {
      java.security.interfaces.ECPrivateKey key = (java.security.interfaces.ECPrivateKey) issued.key();
      org.bouncycastle.asn1.x509.SubjectPublicKeyInfo spki = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo
          .getInstance(issued.certificate().getPublicKey().getEncoded());
      org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
          key.getParams().getOrder().bitLength(), key.getS(), spki.getPublicKeyData(),
          spki.getAlgorithm().getParameters());
      byte[] pkcs8 = new org.bouncycastle.asn1.pkcs.PrivateKeyInfo(spki.getAlgorithm(), sec1).getEncoded();
      replace(keyFile, pem("PRIVATE KEY", pkcs8));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the CA certificate (what the server trusts for client certificates). */
  public void writeCaPem(Path file) {
    replace(file, pem("CERTIFICATE", encoded(ca.certificate)));
  }

  private static byte[] encoded(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  /** Like a deployment tool: write a temporary file beside, then rename over the old one. */
  private static void replace(Path file, String content) {
    try {
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".pem", ".tmp");
      Files.writeString(tmp, content, StandardCharsets.US_ASCII);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A JDK client context that trusts only {@code trusted}'s CA and, when {@code client} is given, presents it.
   */
  public static SSLContext clientContext(TestPki trusted, Issued client, String... protocols) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", trusted.ca.certificate);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManagerFactory kmf = null;
      if (client != null) {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        char[] password = "test".toCharArray();
        keys.setKeyEntry("client", client.key(), password,
            new Certificate[] {client.certificate(), client.issuer().certificate()});
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
      }
      SSLContext context = SSLContext.getInstance(protocols.length == 1 ? protocols[0] : "TLS");
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Connects to 127.0.0.1 and completes the handshake, verifying the server's name like any real client. */
  public static SSLSocket connect(SSLContext context, int port, String... protocols) throws IOException {
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
    SSLParameters params = socket.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS");
    if (protocols.length > 0) {
      params.setProtocols(protocols);
    }
    socket.setSSLParameters(params);
    socket.setSoTimeout(10_000);
    socket.startHandshake();
    return socket;
  }

  /** Opens a plain TCP socket (no handshake), for peers that never speak TLS. */
  public static Socket connectPlain(int port) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    return socket;
  }
}
