package org.soc.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class LocalStackIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void kafkaTopicProduceConsume(LocalStack stack) throws Exception {
        String topic = "it-topic";
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertThat(client.listTopics().names().get(30, TimeUnit.SECONDS)).contains(topic);
        }

        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        RecordMetadata sent;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps)) {
            sent = producer.send(new ProducerRecord<>(topic, "k1", "hello soc")).get(30, TimeUnit.SECONDS);
        }
        assertThat(sent.offset()).isZero();

        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "it-group");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps)) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            ConsumerRecord<String, String> received = null;
            while (received == null && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> record : records) {
                    received = record;
                }
            }
            assertThat(received).as("record consumed").isNotNull();
            assertThat(received.key()).isEqualTo("k1");
            assertThat(received.value()).isEqualTo("hello soc");
        }
    }

    @Test
    void elasticsearchIndexAndGet(LocalStack stack) throws Exception {
        String doc = "{\"event\":\"login\",\"user\":\"alice\"}";
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(
                        URI.create(stack.elasticsearchUrl() + "/it-events/_doc/1?refresh=true"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(doc)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isIn(200, 201);

        HttpResponse<String> get = http.send(HttpRequest.newBuilder(
                URI.create(stack.elasticsearchUrl() + "/it-events/_doc/1")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).contains("\"found\":true").contains("\"user\":\"alice\"");

        HttpResponse<String> search = http.send(HttpRequest.newBuilder(
                        URI.create(stack.elasticsearchUrl() + "/it-events/_search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":{\"term\":{\"user.keyword\":\"alice\"}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        assertThat(search.body()).contains("\"value\":1");
    }

    @Test
    void sameStackIsShared(LocalStack stack) {
        assertThat(stack.elasticsearch().isRunning()).isTrue();
        assertThat(stack.kafka().isRunning()).isTrue();
        assertThat(stack.elasticsearchUrl()).startsWith("http://127.0.0.1:");
        assertThat(stack.kafkaBootstrap()).startsWith("127.0.0.1:");
        assertThat(Map.of("es", stack.elasticsearchUrl())).isNotEmpty();
    }
}
