package org.soc.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void shippedConfigHoldsTheDocumentedDefaultPorts() {
    SocConfig config = new SocConfigLoader().load(Path.of("../config/soc.yml"));
    assertThat(config.collectors().syslogUdpPort()).isEqualTo(5514);
    assertThat(config.collectors().syslogTcpPort()).isEqualTo(5514);
    assertThat(config.collectors().syslogTlsPort()).isEqualTo(6514);
    assertThat(config.collectors().netflowPort()).isEqualTo(2055);
    assertThat(config.collectors().ipfixPort()).isEqualTo(4739);
    assertThat(config.elasticsearch().url()).isEqualTo("http://127.0.0.1:9200");
    assertThat(config.kafka().bootstrap()).isEqualTo("127.0.0.1:9092");
    assertThat(config.api().port()).isEqualTo(8080);
    assertThat(config).isEqualTo(SocConfig.defaults());
  }

  @Test
  void emptyFileMeansDefaults() throws Exception {
    Path file = Files.writeString(dir.resolve("soc.yml"), "");
    assertThat(new SocConfigLoader().load(file)).isEqualTo(SocConfig.defaults());
  }

  @Test
  void everyPortCanBeChanged() throws Exception {
    Path file = Files.writeString(dir.resolve("soc.yml"), """
        collectors: {syslog_udp_port: 15514, syslog_tcp_port: 15515}
        kafka: {port: 19092}
        elasticsearch: {port: 19200}
        api: {port: 18080}
        correlation: {idle_timeout: PT3S}
        """);
    SocConfig config = new SocConfigLoader().load(file);
    assertThat(config.collectors().syslogUdpPort()).isEqualTo(15514);
    assertThat(config.collectors().syslogTcpPort()).isEqualTo(15515);
    assertThat(config.kafka().bootstrap()).isEqualTo("127.0.0.1:19092");
    assertThat(config.elasticsearch().url()).isEqualTo("http://127.0.0.1:19200");
    assertThat(config.api().port()).isEqualTo(18080);
    assertThat(config.correlation().idleTimeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aMistypedKeyIsAnErrorNotASilentDefault() throws Exception {
    Path file = Files.writeString(dir.resolve("soc.yml"), "collectors: {syslog_port: 1}\n");
    assertThatThrownBy(() -> new SocConfigLoader().load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("syslog_port");
  }

  @Test
  void anOutOfRangePortIsRejectedWithItsName() throws Exception {
    Path file = Files.writeString(dir.resolve("soc.yml"), "api: {port: 70000}\n");
    assertThatThrownBy(() -> new SocConfigLoader().load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("api.port");
  }
}
