package org.soc.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local Elasticsearch node and Kafka broker, started in parallel as child processes on 127.0.0.1.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.withFreePorts(StackLayout.fromSystemProperty(), workDir).start()) {
 *     stack.elasticsearchUrl();   // http://127.0.0.1:<port>
 *     stack.kafkaBootstrap();     // 127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    private final ElasticsearchNode elasticsearch;
    private final KafkaBroker kafka;
    private Duration startupTime;

    public LocalStack(ElasticsearchNode elasticsearch, KafkaBroker kafka) {
        this.elasticsearch = elasticsearch;
        this.kafka = kafka;
    }

    /** Stack from a layout and the two configs (their work dirs should differ). */
    public LocalStack(StackLayout layout, ElasticsearchConfig elasticsearchConfig, KafkaConfig kafkaConfig) {
        this(new ElasticsearchNode(layout.validate().elasticsearchHome(), elasticsearchConfig),
                new KafkaBroker(layout.kafkaLibsDir(), kafkaConfig));
    }

    /** Default ports (ES 9200/9300, Kafka 9092/9093); state in {@code workDir/elasticsearch} and {@code workDir/kafka}. */
    public static LocalStack withDefaultPorts(StackLayout layout, Path workDir) {
        return new LocalStack(layout, ElasticsearchConfig.defaults(workDir.resolve("elasticsearch")),
                KafkaConfig.defaults(workDir.resolve("kafka")));
    }

    /** Random free ports (for tests); state in {@code workDir/elasticsearch} and {@code workDir/kafka}. */
    public static LocalStack withFreePorts(StackLayout layout, Path workDir) {
        return withFreePorts(layout, workDir, ElasticsearchConfig.DEFAULT_HEAP);
    }

    /** As {@link #withFreePorts(StackLayout, Path)}, Elasticsearch with {@code elasticsearchHeap} (e.g. {@code 1g}). */
    public static LocalStack withFreePorts(StackLayout layout, Path workDir, String elasticsearchHeap) {
        FreePorts ports = new FreePorts();
        return new LocalStack(layout,
                ElasticsearchConfig.defaults(workDir.resolve("elasticsearch")).withPorts(ports.next(), ports.next())
                        .withHeap(elasticsearchHeap),
                KafkaConfig.defaults(workDir.resolve("kafka")).withPorts(ports.next(), ports.next()));
    }

    /** Starts both servers in parallel and blocks until both are ready; on failure stops whatever started. */
    public LocalStack start() {
        long begin = System.nanoTime();
        // own threads: the common pool may have parallelism 1 on small machines
        ExecutorService starters = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "local-stack-start");
            t.setDaemon(true);
            return t;
        });
        CompletableFuture<ElasticsearchNode> es = CompletableFuture.supplyAsync(elasticsearch::start, starters);
        CompletableFuture<KafkaBroker> broker = CompletableFuture.supplyAsync(kafka::start, starters);
        starters.shutdown();
        try {
            CompletableFuture.allOf(es, broker).join(); // completes only once both have finished
        } catch (CompletionException e) {
            RuntimeException failure = null;
            for (CompletableFuture<?> future : java.util.List.of(es, broker)) {
                try {
                    future.join();
                } catch (CompletionException failed) {
                    Throwable cause = failed.getCause() != null ? failed.getCause() : failed;
                    RuntimeException asRuntime = cause instanceof RuntimeException r
                            ? r : new IllegalStateException("Local stack failed to start", cause);
                    if (failure == null) {
                        failure = asRuntime;
                    } else {
                        failure.addSuppressed(asRuntime);
                    }
                }
            }
            close();
            throw failure;
        }
        startupTime = Duration.ofNanos(System.nanoTime() - begin);
        return this;
    }

    /** {@code http://127.0.0.1:<port>} */
    public String elasticsearchUrl() {
        return elasticsearch.url();
    }

    /** {@code 127.0.0.1:<port>} */
    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    public ElasticsearchNode elasticsearch() {
        return elasticsearch;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /** Wall-clock time {@link #start()} took (null before). */
    public Duration startupTime() {
        return startupTime;
    }

    /** Stops both servers (in parallel). Idempotent. */
    @Override
    public void close() {
        Thread stopKafka = new Thread(kafka::close, "local-stack-stop-kafka");
        stopKafka.start();
        try {
            elasticsearch.close();
        } finally {
            try {
                stopKafka.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "LocalStack[es=" + elasticsearchUrl() + ", kafka=" + kafkaBootstrap() + "]";
    }
}
