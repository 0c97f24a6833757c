package org.soc.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one local Kafka broker in KRaft combined (broker + controller) mode.
 *
 * @param workDir        owns {@code data/}, {@code logs/}, {@code server.properties}, {@code log4j2.xml}
 * @param port           PLAINTEXT listener on 127.0.0.1 (the bootstrap port)
 * @param controllerPort CONTROLLER listener on 127.0.0.1
 * @param numPartitions  default partition count of auto-created topics
 * @param heap           heap size (-Xmx), e.g. {@code 512m}
 * @param javaHome       JDK used to run the broker
 * @param startupTimeout how long to wait for the broker to answer describeCluster
 */
public record KafkaConfig(Path workDir, int port, int controllerPort, int numPartitions, String heap, Path javaHome,
                          Duration startupTimeout) {

    public static final int DEFAULT_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    public static final int DEFAULT_NUM_PARTITIONS = 2;
    public static final String DEFAULT_HEAP = "512m";
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(120);

    public KafkaConfig {
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(heap, "heap");
        Objects.requireNonNull(javaHome, "javaHome");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        workDir = workDir.toAbsolutePath().normalize();
        if (port <= 0 || controllerPort <= 0 || port == controllerPort) {
            throw new IllegalArgumentException("bad ports broker=" + port + " controller=" + controllerPort);
        }
        if (numPartitions < 1) {
            throw new IllegalArgumentException("numPartitions must be >= 1");
        }
    }

    /** Ports 9092/9093, 2 partitions, 512m heap, the running JVM. */
    public static KafkaConfig defaults(Path workDir) {
        return new KafkaConfig(workDir, DEFAULT_PORT, DEFAULT_CONTROLLER_PORT, DEFAULT_NUM_PARTITIONS, DEFAULT_HEAP,
                Path.of(System.getProperty("java.home")), DEFAULT_STARTUP_TIMEOUT);
    }

    public KafkaConfig withPorts(int newPort, int newControllerPort) {
        return new KafkaConfig(workDir, newPort, newControllerPort, numPartitions, heap, javaHome, startupTimeout);
    }

    public KafkaConfig withNumPartitions(int newNumPartitions) {
        return new KafkaConfig(workDir, port, controllerPort, newNumPartitions, heap, javaHome, startupTimeout);
    }

    public KafkaConfig withHeap(String newHeap) {
        return new KafkaConfig(workDir, port, controllerPort, numPartitions, newHeap, javaHome, startupTimeout);
    }

    public KafkaConfig withJavaHome(Path newJavaHome) {
        return new KafkaConfig(workDir, port, controllerPort, numPartitions, heap, newJavaHome, startupTimeout);
    }

    public KafkaConfig withStartupTimeout(Duration newStartupTimeout) {
        return new KafkaConfig(workDir, port, controllerPort, numPartitions, heap, javaHome, newStartupTimeout);
    }

    /** {@code 127.0.0.1:<port>} */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }
}
