package org.soc.collectors.syslog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.soc.agency.Agency;
import org.soc.agency.AgencyRegistry;
import org.soc.agency.IpPrefix;
import org.soc.schema.EventIdGenerator;

/** Golden lines from src/test/resources/syslog and a fixed test world (clock, agencies, ids). */
final class Fixtures {
  static final Instant NOW = Instant.parse("2025-03-14T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final Agency HEALTH = new Agency("health", "Ministry of Health",
      List.of(IpPrefix.parse("10.10.0.0/16"), IpPrefix.parse("127.0.0.0/8")), List.of(), PARIS);
  static final InetSocketAddress HEALTH_SENDER = new InetSocketAddress("10.10.1.2", 40514);
  static final InetSocketAddress UNKNOWN_SENDER = new InetSocketAddress("192.0.2.99", 514);

  private Fixtures() {}

  static AgencyRegistry registry() {
    return new AgencyRegistry(List.of(HEALTH));
  }

  static SyslogMessageParser parser() {
    return parser(registry());
  }

  static SyslogMessageParser parser(AgencyRegistry registry) {
    return SyslogMessageParser.withDefaultDecoders(registry, CLOCK, new EventIdGenerator(0xABCDEF));
  }

  /** The lines of a fixture file, as UTF-8 strings. */
  static List<String> lines(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/syslog/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
