package org.soc.stack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Command-line entry point: starts the local stack in the foreground until SIGTERM/Ctrl-C.
 *
 * <pre>
 * java -Dsoc.runtime.dir=stack/target/runtime -cp ... org.soc.stack.StackMain \
 *      [--work-dir var/stack] [--es-port 9200] [--es-transport-port 9300] [--kafka-port 9092]
 *      [--kafka-controller-port 9093] [--partitions 2] [--es-heap 512m] [--kafka-heap 512m]
 * </pre>
 */
public final class StackMain {

    private StackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path workDir = Path.of("var/stack");
        int esPort = ElasticsearchConfig.DEFAULT_HTTP_PORT;
        int esTransportPort = ElasticsearchConfig.DEFAULT_TRANSPORT_PORT;
        int kafkaPort = KafkaConfig.DEFAULT_PORT;
        int kafkaControllerPort = KafkaConfig.DEFAULT_CONTROLLER_PORT;
        int partitions = KafkaConfig.DEFAULT_NUM_PARTITIONS;
        String esHeap = ElasticsearchConfig.DEFAULT_HEAP;
        String kafkaHeap = KafkaConfig.DEFAULT_HEAP;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--work-dir" -> workDir = Path.of(require(args[i], value));
                case "--es-port" -> esPort = Integer.parseInt(require(args[i], value));
                case "--es-transport-port" -> esTransportPort = Integer.parseInt(require(args[i], value));
                case "--kafka-port" -> kafkaPort = Integer.parseInt(require(args[i], value));
                case "--kafka-controller-port" -> kafkaControllerPort = Integer.parseInt(require(args[i], value));
                case "--partitions" -> partitions = Integer.parseInt(require(args[i], value));
                case "--es-heap" -> esHeap = require(args[i], value);
                case "--kafka-heap" -> kafkaHeap = require(args[i], value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        ElasticsearchConfig es = ElasticsearchConfig.defaults(workDir.resolve("elasticsearch")).withPorts(esPort, esTransportPort)
                .withHeap(esHeap);
        KafkaConfig kafka = KafkaConfig.defaults(workDir.resolve("kafka")).withPorts(kafkaPort, kafkaControllerPort)
                .withNumPartitions(partitions).withHeap(kafkaHeap);
        LocalStack stack = new LocalStack(StackLayout.fromSystemProperty(), es, kafka);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        stack.start();
        System.out.println("elasticsearch " + stack.elasticsearchUrl());
        System.out.println("kafka " + stack.kafkaBootstrap());
        System.out.println("started in " + stack.startupTime().toMillis() + " ms; Ctrl-C to stop");
        stopped.await();
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
