package org.soc.distribution;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
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
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A private CA and a server certificate for the syslog TLS listener on a machine that has none configured, so
 * {@code bin/soc up} serves 6514 out of the box. Made once under {@code <data_dir>/tls/} and reused; senders
 * trust {@code ca.pem}. Production sets {@code collectors.tls} to the agency PKI's files instead.
 */
final class LocalTlsMaterial {
  private static final Duration VALIDITY = Duration.ofDays(825);

  /** The files: CA certificate (give it to senders), server chain and unencrypted PKCS#8 key. */
  record Files(Path caCertificate, Path serverChain, Path serverKey) {}

  private final Path dir;
  private final Clock clock;

  LocalTlsMaterial(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  /** Existing material, or new material when there is none. */
  Files ensure() {
    Files files = new Files(dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server-key.pem"));
    if (java.nio.file.Files.exists(files.serverChain()) && java.nio.file.Files.exists(files.serverKey())) {
      return files;
    }
    try {
      java.nio.file.Files.createDirectories(dir);
      KeyPair caKeys = ecKeys();
      X500Name caName = new X500Name("CN=SOC local syslog CA,O=National SOC");
      X509Certificate ca = certificate(caName, caName, caKeys, caKeys.getPrivate(), true, null);
      KeyPair serverKeys = ecKeys();
      String host = InetAddress.getLocalHost().getHostName();
      GeneralNames sans = new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.dNSName, "localhost"),
          new GeneralName(GeneralName.dNSName, host),
          new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
          new GeneralName(GeneralName.iPAddress, "::1")});
      X509Certificate server = certificate(caName, new X500Name("CN=" + host + ",O=National SOC"), serverKeys,
          caKeys.getPrivate(), false, sans);
      java.nio.file.Files.writeString(files.caCertificate(), pem(ca));
      java.nio.file.Files.writeString(files.serverChain(), pem(server) + pem(ca));
      java.nio.file.Files.writeString(files.serverKey(), pemKey(serverKeys.getPrivate()),
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
      java.nio.file.Files.setPosixFilePermissions(files.serverKey(), PosixFilePermissions.fromString("rw-------"));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write TLS material under " + dir, e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make a local CA", e);
    }
  }

  private static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    return generator.generateKeyPair();
  }

  private X509Certificate certificate(X500Name issuer, X500Name subject, KeyPair keys, PrivateKey signer,
      boolean ca, GeneralNames sans) throws IOException, GeneralSecurityException, OperatorCreationException {
    Instant now = clock.instant();
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(63, new SecureRandom()),
        Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    b.addExtension(Extension.keyUsage, true, ca
        ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
        : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
    if (sans != null) {
      b.addExtension(Extension.subjectAlternativeName, false, sans);
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
  }

  private static String pem(X509Certificate certificate) throws IOException, GeneralSecurityException {
    return write(new PemObject("CERTIFICATE", certificate.getEncoded()));
  }

  private static String pemKey(PrivateKey key) throws IOException {
    return write(new PemObject("PRIVATE KEY", key.getEncoded()));  // PKCS#8
  }

  private static String write(PemObject object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }
}
