package org.soc.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker (KRaft combined mode: broker + controller, node id 1) running as a child JVM on
 * 127.0.0.1, launched from the jars in {@link StackLayout#kafkaLibsDir()}. Storage is formatted on first start
 * (skipped when {@code meta.properties} exists), so a work dir can be reused across restarts.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final int LOG_TAIL_LINES = 60;

    private final Path kafkaLibsDir;
    private final KafkaConfig config;
    private final Commands commands;
    private ChildProcess process;

    public KafkaBroker(Path kafkaLibsDir, KafkaConfig config) {
        this.kafkaLibsDir = kafkaLibsDir.toAbsolutePath().normalize();
        this.config = config;
        this.commands = new Commands();
    }

    public KafkaConfig config() {
        return config;
    }

    /** {@code 127.0.0.1:<port>} */
    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    public Path dataDir() {
        return config.workDir().resolve("data");
    }

    public Path logsDir() {
        return config.workDir().resolve("logs");
    }

    /** The broker's log4j2 log. */
    public Path logFile() {
        return logsDir().resolve("server.log");
    }

    /** stdout/stderr of the broker JVM. */
    public Path consoleLogFile() {
        return logsDir().resolve("console.log");
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Formats storage if needed, starts the broker and blocks until it answers describeCluster. */
    public synchronized KafkaBroker start() {
        if (process != null) {
            throw new IllegalStateException("already started");
        }
        FreePorts.requireFree(config.port(), "Kafka");
        FreePorts.requireFree(config.controllerPort(), "Kafka controller");
        Path serverProperties = writeConfig();
        formatIfNeeded(serverProperties);
        ProcessBuilder builder = new ProcessBuilder(javaCommand("kafka.Kafka", serverProperties.toString()));
        builder.directory(config.workDir().toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");
        process = ChildProcess.start("kafka", builder, consoleLogFile(), Duration.ofSeconds(30));
        try {
            awaitReady();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    private Path writeConfig() {
        try {
            Files.createDirectories(dataDir());
            Files.createDirectories(logsDir());
            Map<String, String> props = new java.util.LinkedHashMap<>();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + config.controllerPort());
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + config.port() + ",CONTROLLER://127.0.0.1:"
                    + config.controllerPort());
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + config.port());
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
            props.put("log.dirs", dataDir().toString());
            props.put("num.partitions", Integer.toString(config.numPartitions()));
            props.put("auto.create.topics.enable", "true");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "10");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("default.replication.factor", "1");
            props.put("min.insync.replicas", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("delete.topic.enable", "true");
            StringBuilder text = new StringBuilder("# written by org.soc.stack.KafkaBroker\n");
            props.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
            Path serverProperties = config.workDir().resolve("server.properties");
            Files.writeString(serverProperties, text.toString(), StandardCharsets.UTF_8);
            Files.writeString(config.workDir().resolve("log4j2.xml"), log4jConfig(), StandardCharsets.UTF_8);
            return serverProperties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String log4jConfig() {
        String file = logFile().toString().replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="WARN">
                  <Appenders>
                    <File name="server" fileName="%s" append="true">
                      <PatternLayout pattern="[%%d] %%p %%m (%%c)%%n"/>
                    </File>
                  </Appenders>
                  <Loggers>
                    <Logger name="kafka" level="INFO"/>
                    <Logger name="org.apache.kafka" level="INFO"/>
                    <Logger name="state.change.logger" level="WARN"/>
                    <Logger name="kafka.request.logger" level="WARN"/>
                    <Root level="INFO">
                      <AppenderRef ref="server"/>
                    </Root>
                  </Loggers>
                </Configuration>
                """.formatted(file);
    }

    private void formatIfNeeded(Path serverProperties) {
        if (Files.exists(dataDir().resolve("meta.properties"))) {
            return;
        }
        Commands.Result result = commands.run(new ProcessBuilder(javaCommand("kafka.tools.StorageTool", "format",
                "--cluster-id", Uuid.randomUuid().toString(), "--config", serverProperties.toString(),
                "--ignore-formatted")).directory(config.workDir().toFile()));
        if (!result.ok()) {
            throw new IllegalStateException("Formatting Kafka storage in " + dataDir() + " failed (exit "
                    + result.exitCode() + "):\n" + result.output());
        }
    }

    private List<String> javaCommand(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Commands.javaExecutable(config.javaHome()).toString());
        cmd.add("-Xmx" + config.heap());
        cmd.add("-Xms128m");
        cmd.add("-XX:+UseG1GC");
        cmd.add("-XX:MaxGCPauseMillis=20");
        cmd.add("-XX:InitiatingHeapOccupancyPercent=35");
        cmd.add("-XX:+ExplicitGCInvokesConcurrent");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dlog4j2.configurationFile=" + config.workDir().resolve("log4j2.xml"));
        cmd.add("-Dkafka.logs.dir=" + logsDir());
        cmd.add("-cp");
        cmd.add(kafkaLibsDir + "/*");
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + config.startupTimeout().toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited during startup; " + logs());
            }
            if (FreePorts.isListening(config.port())) {
                try {
                    if (describeCluster()) {
                        return;
                    }
                    last = "no brokers registered yet";
                } catch (ExecutionException | TimeoutException | RuntimeException e) {
                    last = e.toString();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted waiting for Kafka", e);
                }
            }
            sleep(250);
        }
        throw new IllegalStateException("Kafka not ready on " + bootstrapServers() + " after "
                + config.startupTimeout() + " (last: " + last + "); " + logs());
    }

    private boolean describeCluster() throws ExecutionException, TimeoutException, InterruptedException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "soc-stack-readiness");
        try (Admin admin = Admin.create(props)) {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000)).nodes()
                    .get(6, TimeUnit.SECONDS).isEmpty();
        }
    }

    private String logs() {
        return "console " + consoleLogFile() + ":\n" + process.logTail(20) + "\nserver log " + logFile() + ":\n"
                + ChildProcess.tail(logFile(), LOG_TAIL_LINES);
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.close();
        }
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", " + config.workDir() + "]";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
