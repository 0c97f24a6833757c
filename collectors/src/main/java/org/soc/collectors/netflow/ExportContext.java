package org.soc.collectors.netflow;

import java.net.InetSocketAddress;

/**
 * What a data set needs from its packet header to be decoded later (it may wait in the pending buffer).
 *
 * @param version 5, 9 or 10
 * @param domainId NetFlow v9 source id or IPFIX observation domain id; 0 for v5 (engine type/id go to labels)
 * @param exportMillis header export time ({@code unix_secs}, plus {@code unix_nsecs} for v5), epoch millis
 * @param sysUptimeMillis header {@code sysUptime} (v5, v9); -1 for IPFIX
 */
public record ExportContext(InetSocketAddress exporter, int version, long domainId, long exportMillis,
    long sysUptimeMillis) {}
