package org.soc.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real single-node Elasticsearch (the {@code integ-test-zip} distribution) running as a child process on
 * 127.0.0.1.
 *
 * <p>Notes on the distribution: it has no bundled JDK (ES_JAVA_HOME is set to {@link ElasticsearchConfig#javaHome()}),
 * only the modules {@code transport-netty4, x-pack-core, x-pack-security, apm} (so no painless, no ingest, and
 * {@code GET /} answers 405), and {@code xpack.security.enabled} exists and is switched off. With
 * {@code discovery.type: single-node} and a loopback-only {@code network.host} the production bootstrap checks
 * (vm.max_map_count, file descriptors) only log warnings. Elasticsearch refuses to run as root, so as root the
 * node runs as an unprivileged system user (see {@link ElasticsearchConfig#runAsUser()}).
 */
public final class ElasticsearchNode implements AutoCloseable {

    private static final int LOG_TAIL_LINES = 60;

    private final Path elasticsearchHome;
    private final ElasticsearchConfig config;
    private final ProcessUser user;
    private final HttpClient http;
    private ChildProcess process;

    public ElasticsearchNode(Path elasticsearchHome, ElasticsearchConfig config) {
        this.elasticsearchHome = elasticsearchHome.toAbsolutePath().normalize();
        this.config = config;
        this.user = new ProcessUser(config.runAsUser(), new Commands());
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    public ElasticsearchConfig config() {
        return config;
    }

    /** {@code http://127.0.0.1:<port>} */
    public String url() {
        return config.url();
    }

    public Path configDir() {
        return config.workDir().resolve("config");
    }

    public Path dataDir() {
        return config.workDir().resolve("data");
    }

    public Path logsDir() {
        return config.workDir().resolve("logs");
    }

    /** stdout/stderr of the node (the console log). */
    public Path logFile() {
        return logsDir().resolve("console.log");
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the node and blocks until the cluster is at least yellow. */
    public synchronized ElasticsearchNode start() {
        if (process != null) {
            throw new IllegalStateException("already started");
        }
        FreePorts.requireFree(config.httpPort(), "Elasticsearch HTTP");
        FreePorts.requireFree(config.transportPort(), "Elasticsearch transport");
        Path home = prepareHome();
        writeConfig(home);
        ProcessBuilder builder = new ProcessBuilder(user.wrap(List.of(home.resolve("bin/elasticsearch").toString())));
        builder.directory(logsDir().toFile()); // jvm.options writes gc.log / hs_err relative to the cwd
        Map<String, String> env = builder.environment();
        env.remove("JAVA_HOME");
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("_JAVA_OPTIONS");
        env.remove("JAVA_OPTS");
        env.remove("ES_JAVA_OPTS");
        env.put("ES_JAVA_HOME", config.javaHome().toString());
        env.put("ES_PATH_CONF", configDir().toString());
        env.put("ES_TMPDIR", config.workDir().resolve("tmp").toString());
        env.put("HOME", config.workDir().toString());
        process = ChildProcess.start("elasticsearch", builder, logFile(), Duration.ofSeconds(30));
        try {
            awaitReady();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    private Path prepareHome() {
        try {
            for (Path dir : List.of(configDir(), dataDir(), logsDir(), config.workDir().resolve("tmp"))) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!user.demote()) {
            return elasticsearchHome;
        }
        user.ensureExists();
        Path java = Commands.javaExecutable(config.javaHome());
        if (!user.canAccess(java, "-x")) {
            throw new IllegalStateException("User " + user.userName() + " cannot execute " + java
                    + "; use a JDK outside a private directory (ElasticsearchConfig.withJavaHome)");
        }
        Path home = elasticsearchHome;
        if (!user.canAccess(home.resolve("lib"), "-r") || !user.canAccess(home.resolve("bin/elasticsearch"), "-x")) {
            // e.g. the runtime dir lives under /root (mode 700): use a copy inside the work dir
            home = config.workDir().resolve("home");
            if (!Files.isExecutable(home.resolve("bin/elasticsearch"))) {
                new Commands().runChecked(List.of("cp", "-a", elasticsearchHome.toString(), home.toString()));
            }
            user.chown(home);
        }
        return home;
    }

    private void writeConfig(Path home) {
        try {
            copyTree(home.resolve("config"), configDir());
            boolean security = Files.isDirectory(home.resolve("modules/x-pack-security"));
            StringBuilder yml = new StringBuilder()
                    .append("# written by org.soc.stack.ElasticsearchNode\n")
                    .append("cluster.name: ").append(quote(config.clusterName())).append('\n')
                    .append("node.name: ").append(quote(config.clusterName() + "-node")).append('\n')
                    .append("network.host: 127.0.0.1\n")
                    .append("http.port: ").append(config.httpPort()).append('\n')
                    .append("transport.port: ").append(config.transportPort()).append('\n')
                    .append("discovery.type: single-node\n")
                    .append("path.data: ").append(quote(dataDir().toString())).append('\n')
                    .append("path.logs: ").append(quote(logsDir().toString())).append('\n')
                    .append("action.destructive_requires_name: false\n")
                    // a nearly full dev disk must not flip indices to read-only
                    .append("cluster.routing.allocation.disk.threshold_enabled: false\n");
            if (security) {
                // only when the x-pack-security module is present: ES rejects unknown settings
                yml.append("xpack.security.enabled: false\n");
            }
            Files.writeString(configDir().resolve("elasticsearch.yml"), yml.toString(), StandardCharsets.UTF_8);
            Path jvmOptions = configDir().resolve("jvm.options.d");
            Files.createDirectories(jvmOptions);
            Files.writeString(jvmOptions.resolve("soc-heap.options"),
                    "-Xms" + config.heap() + "\n-Xmx" + config.heap() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        user.chown(config.workDir().resolve("config"));
        user.chown(dataDir());
        user.chown(logsDir());
        user.chown(config.workDir().resolve("tmp"));
        if (!user.canAccess(configDir().resolve("elasticsearch.yml"), "-r")) {
            throw new IllegalStateException("User " + user.userName() + " cannot reach " + config.workDir()
                    + " (a parent directory is not traversable); choose a work dir outside private directories");
        }
    }

    private void awaitReady() {
        URI health = URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s");
        long deadline = System.nanoTime() + config.startupTimeout().toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Elasticsearch exited during startup; log " + logFile()
                        + ":\n" + process.logTail(LOG_TAIL_LINES));
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for Elasticsearch", e);
            }
            sleep(250);
        }
        throw new IllegalStateException("Elasticsearch not ready on " + url() + " after " + config.startupTimeout()
                + " (last: " + last + "); log " + logFile() + ":\n" + process.logTail(LOG_TAIL_LINES));
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.close();
        }
    }

    @Override
    public String toString() {
        return "ElasticsearchNode[" + url() + ", " + config.workDir() + "]";
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** Copies {@code from} into {@code to}, keeping an existing keystore (the node owns it after first start). */
    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file).toString());
                if (!target.getFileName().toString().equals("elasticsearch.keystore") || !Files.exists(target)) {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
