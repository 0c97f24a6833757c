package org.soc.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where the materialised server binaries live (produced by the stack module's build into
 * {@code stack/target/runtime}).
 *
 * @param runtimeDir        the runtime root
 * @param elasticsearchHome the unpacked Elasticsearch distribution ({@code runtimeDir/elasticsearch-<version>})
 * @param kafkaLibsDir      the Kafka broker class path ({@code runtimeDir/kafka-libs})
 */
public record StackLayout(Path runtimeDir, Path elasticsearchHome, Path kafkaLibsDir) {

    /** System property naming the runtime dir (set by the parent pom for surefire/failsafe). */
    public static final String RUNTIME_DIR_PROPERTY = "soc.runtime.dir";

    public StackLayout {
        Objects.requireNonNull(runtimeDir, "runtimeDir");
        Objects.requireNonNull(elasticsearchHome, "elasticsearchHome");
        Objects.requireNonNull(kafkaLibsDir, "kafkaLibsDir");
        runtimeDir = runtimeDir.toAbsolutePath().normalize();
        elasticsearchHome = elasticsearchHome.toAbsolutePath().normalize();
        kafkaLibsDir = kafkaLibsDir.toAbsolutePath().normalize();
    }

    /** Layout rooted at the directory named by the {@value #RUNTIME_DIR_PROPERTY} system property. */
    public static StackLayout fromSystemProperty() {
        String dir = System.getProperty(RUNTIME_DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("System property " + RUNTIME_DIR_PROPERTY
                    + " is not set; it must point at stack/target/runtime (build the stack module first)");
        }
        return of(Path.of(dir));
    }

    /** Layout rooted at {@code runtimeDir}; the Elasticsearch home is the (single) {@code elasticsearch-*} directory in it. */
    public static StackLayout of(Path runtimeDir) {
        Path root = runtimeDir.toAbsolutePath().normalize();
        return new StackLayout(root, findElasticsearchHome(root), root.resolve("kafka-libs"));
    }

    /** Fails with a clear message when the build output is missing. */
    public StackLayout validate() {
        if (!Files.isExecutable(elasticsearchHome.resolve("bin/elasticsearch"))) {
            throw new IllegalStateException("No Elasticsearch distribution at " + elasticsearchHome
                    + " (run: mvn -pl stack install)");
        }
        if (!hasJar(kafkaLibsDir, "kafka_2.13-")) {
            throw new IllegalStateException("No Kafka broker jars in " + kafkaLibsDir + " (run: mvn -pl stack install)");
        }
        return this;
    }

    private static boolean hasJar(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findElasticsearchHome(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("Runtime dir " + root + " does not exist (run: mvn -pl stack install)");
        }
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().startsWith("elasticsearch-"))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalStateException(
                            "No elasticsearch-* directory in " + root + " (run: mvn -pl stack install)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
