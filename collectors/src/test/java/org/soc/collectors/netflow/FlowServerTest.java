package org.soc.collectors.netflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.soc.collectors.kafka.InMemoryEventPublisher;
import org.soc.schema.Event;

/** Real UDP sockets: both listeners accept every version; garbage does not stop them. */
class FlowServerTest {
  private final InMemoryEventPublisher publisher = new InMemoryEventPublisher();

  private FlowServer server(boolean nativeTransport) {
    FlowConfig config = FlowConfig.defaults().withBindHost("127.0.0.1").withPorts(0, 0).withThreads(2)
        .withEncodeThreads(2)
        .withNativeTransport(nativeTransport);
    return FlowServer.create(config, FlowFixtures.registry(), publisher, new MutableClock(FlowFixtures.NOW),
        FlowFixtures.ids());
  }

  private static void send(DatagramSocket socket, int port, byte[] bytes) throws Exception {
    socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
  }

  @Test
  void bothPortsAcceptEveryVersionWithEpoll() throws Exception {
    exercise(true);
  }

  @Test
  void bothPortsAcceptEveryVersionWithNio() throws Exception {
    exercise(false);
  }

  private void exercise(boolean nativeTransport) throws Exception {
    try (FlowServer server = server(nativeTransport); DatagramSocket socket = new DatagramSocket()) {
      FlowServer.BoundPorts ports = server.start();
      assertThat(ports.netflow()).isPositive();
      assertThat(ports.ipfix()).isPositive().isNotEqualTo(ports.netflow());
      send(socket, ports.netflow(), new byte[] {0x16, 3, 1, 0, 0x55}); // garbage first
      send(socket, ports.netflow(), FlowFixtures.ipfixTemplatesAndData());
      for (int i = 0; i < 2; i++) {
        Event e = publisher.take();
        assertThat(e.event().dataset()).isEqualTo("ipfix");
        assertThat(e.soc().input()).isEqualTo(FlowServer.INPUT_NETFLOW);
        assertThat(e.organization().id()).isEqualTo("health"); // 127.0.0.0/8 belongs to health in the fixture
      }
      send(socket, ports.ipfix(), FlowFixtures.v5(0));
      send(socket, ports.ipfix(), FlowFixtures.v9TemplateAndData());
      for (int i = 0; i < 4; i++) {
        Event e = publisher.take();
        assertThat(e.event().dataset()).isEqualTo("netflow");
        assertThat(e.soc().input()).isEqualTo(FlowServer.INPUT_IPFIX);
        assertThat(e.observer().ip()).isEqualTo("127.0.0.1");
      }
      InetSocketAddress exporter = new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
      FlowMetrics m = server.metrics();
      assertThat(m.exporter(exporter, FlowMetrics.Kind.PACKETS)).isEqualTo(4);
      assertThat(m.exporter(exporter, FlowMetrics.Kind.RECORDS)).isEqualTo(6);
      assertThat(m.exporter(exporter, FlowMetrics.Kind.TEMPLATES)).isEqualTo(2);
      assertThat(m.exporter(exporter, FlowMetrics.Kind.UNDECODABLE)).isEqualTo(1);
      assertThat(m.agency("health", FlowMetrics.Kind.RECORDS)).isEqualTo(6);
      assertThat(server.templateCache().sizesByExporter()).containsValue(2);
    }
  }

  @Test
  void portInUseFailsCleanly() throws Exception {
    try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      FlowConfig config = FlowConfig.defaults().withBindHost("127.0.0.1").withPorts(taken.getLocalPort(), 0)
          .withNativeTransport(false);
      FlowServer server = FlowServer.create(config, FlowFixtures.registry(), publisher,
          new MutableClock(FlowFixtures.NOW), FlowFixtures.ids());
      assertThatThrownBy(server::start).isInstanceOf(FlowServerException.class);
      server.close();
    }
  }
}
