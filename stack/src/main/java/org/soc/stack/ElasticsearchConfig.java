package org.soc.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one local single-node Elasticsearch.
 *
 * @param workDir        owns {@code config/}, {@code data/}, {@code logs/}, {@code tmp/} of this node
 * @param httpPort       REST port on 127.0.0.1
 * @param transportPort  transport port on 127.0.0.1
 * @param clusterName    cluster name
 * @param heap           heap size used for both -Xms and -Xmx, e.g. {@code 512m}
 * @param javaHome       JDK used to run the node (the integ-test-zip bundles none)
 * @param runAsUser      unprivileged OS user used when this JVM runs as root
 * @param startupTimeout how long to wait for a yellow cluster
 */
public record ElasticsearchConfig(Path workDir, int httpPort, int transportPort, String clusterName, String heap,
                                  Path javaHome, String runAsUser, Duration startupTimeout) {

    public static final int DEFAULT_HTTP_PORT = 9200;
    public static final int DEFAULT_TRANSPORT_PORT = 9300;
    public static final String DEFAULT_CLUSTER_NAME = "soc-local";
    public static final String DEFAULT_HEAP = "512m";
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(180);

    public ElasticsearchConfig {
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(heap, "heap");
        Objects.requireNonNull(javaHome, "javaHome");
        Objects.requireNonNull(runAsUser, "runAsUser");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        workDir = workDir.toAbsolutePath().normalize();
        if (httpPort <= 0 || transportPort <= 0 || httpPort == transportPort) {
            throw new IllegalArgumentException("bad ports http=" + httpPort + " transport=" + transportPort);
        }
    }

    /** Ports 9200/9300, cluster {@code soc-local}, 512m heap, the running JVM as ES_JAVA_HOME. */
    public static ElasticsearchConfig defaults(Path workDir) {
        return new ElasticsearchConfig(workDir, DEFAULT_HTTP_PORT, DEFAULT_TRANSPORT_PORT, DEFAULT_CLUSTER_NAME,
                DEFAULT_HEAP, Path.of(System.getProperty("java.home")), ProcessUser.DEFAULT_USER,
                DEFAULT_STARTUP_TIMEOUT);
    }

    public ElasticsearchConfig withPorts(int newHttpPort, int newTransportPort) {
        return new ElasticsearchConfig(workDir, newHttpPort, newTransportPort, clusterName, heap, javaHome, runAsUser,
                startupTimeout);
    }

    public ElasticsearchConfig withClusterName(String newClusterName) {
        return new ElasticsearchConfig(workDir, httpPort, transportPort, newClusterName, heap, javaHome, runAsUser,
                startupTimeout);
    }

    public ElasticsearchConfig withHeap(String newHeap) {
        return new ElasticsearchConfig(workDir, httpPort, transportPort, clusterName, newHeap, javaHome, runAsUser,
                startupTimeout);
    }

    public ElasticsearchConfig withJavaHome(Path newJavaHome) {
        return new ElasticsearchConfig(workDir, httpPort, transportPort, clusterName, heap, newJavaHome, runAsUser,
                startupTimeout);
    }

    public ElasticsearchConfig withRunAsUser(String newRunAsUser) {
        return new ElasticsearchConfig(workDir, httpPort, transportPort, clusterName, heap, javaHome, newRunAsUser,
                startupTimeout);
    }

    public ElasticsearchConfig withStartupTimeout(Duration newStartupTimeout) {
        return new ElasticsearchConfig(workDir, httpPort, transportPort, clusterName, heap, javaHome, runAsUser,
                newStartupTimeout);
    }

    /** {@code http://127.0.0.1:<httpPort>} */
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }
}
