package org.soc.collectors.netflow;

import java.net.InetSocketAddress;

/** One flow export datagram's bytes and the exporter that sent it; what the decoder hands the parser. */
public record FlowDatagram(byte[] bytes, InetSocketAddress exporter) {}
