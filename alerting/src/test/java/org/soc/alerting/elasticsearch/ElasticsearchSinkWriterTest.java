package org.soc.alerting.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.streaming.runtime.tasks.StreamTaskActionExecutor;
import org.apache.flink.streaming.runtime.tasks.mailbox.MailboxExecutorImpl;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailboxImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.soc.alerting.elasticsearch.FakeBulkServer.Answer;
import org.soc.alerting.elasticsearch.FakeBulkServer.Op;

/**
 * The writer against a scripted {@code _bulk} endpoint, with a real Flink mailbox owned by the test thread (the
 * "task thread"): flush semantics, retries, dead letters, and failing instead of dropping.
 */
class ElasticsearchSinkWriterTest {
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final String INDEX = "soc-events-agency-a-2026.11.24";

  /** Element "x" becomes document {"name":"x"} with _id "x". */
  private static final DocumentEmitter<String> EMITTER = name -> new IndexDocument(INDEX, name,
      ("{\"name\":\"" + name + "\",\"source\":{\"port\":\"not-a-number\"}}").getBytes(StandardCharsets.UTF_8));

  private FakeBulkServer server;
  private MailboxExecutor mailbox;
  private ElasticsearchSinkWriter<String> writer;

  @BeforeEach
  void setUp() throws Exception {
    server = new FakeBulkServer();
    // the test thread plays the task thread: it owns the mailbox, writes, flushes
    mailbox = new MailboxExecutorImpl(new TaskMailboxImpl(Thread.currentThread()), 0, StreamTaskActionExecutor.IMMEDIATE);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (writer != null) {
      writer.close();
    }
    server.close();
  }

  private ElasticsearchSinkWriter<String> writer(int maxRetries) {
    ElasticsearchSinkConfig config = ElasticsearchSinkConfig.of(server.url())
        // no size/interval trigger during a test: only flush() sends
        .withBulk(1000, 5_000_000, Duration.ofHours(1))
        .withRetries(maxRetries, Duration.ofMillis(5), Duration.ofMillis(20));
    writer = new ElasticsearchSinkWriter<>(config, EMITTER, ElasticsearchClients.transport(config.urls()), mailbox,
        UnregisteredMetricsGroup.createSinkWriterMetricGroup(), Clock.fixed(NOW, ZoneOffset.UTC), "test");
    return writer;
  }

  private void write(String... names) throws Exception {
    for (String name : names) {
      writer.write(name, null);
    }
  }

  @Test
  void flushBlocksUntilTheBulkInFlightIsAcknowledged() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.then(Answer.allCreated().heldUntil(release));
    writer(3);
    write("a", "b", "c");
    assertThat(server.requests).as("nothing sent before flush").isEmpty();

    AtomicBoolean flushReturned = new AtomicBoolean();
    AtomicReference<Boolean> returnedWhileHeld = new AtomicReference<>();
    Thread elasticsearch = new Thread(() -> {
      try {
        server.received.take(); // the request is in flight, its answer held back
        returnedWhileHeld.set(flushReturned.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        release.countDown();
      }
    });
    elasticsearch.start();

    writer.flush(false);
    flushReturned.set(true);
    elasticsearch.join();

    assertThat(returnedWhileHeld.get()).as("flush returned while the bulk was unanswered").isFalse();
    assertThat(writer.pending()).isZero();
    assertThat(writer.indexedCount()).isEqualTo(3);
    assertThat(ids(server.requests.get(0))).containsExactly("a", "b", "c");
  }

  @Test
  void flushWithNothingWrittenReturnsAtOnce() throws Exception {
    writer(3).flush(true);
    assertThat(server.requests).isEmpty();
  }

  @Test
  void tooManyRequestsAndServerErrorItemsAreRetriedUntilIndexed() throws Exception {
    server.then(Answer.items(op -> switch (op.id()) {
      case "a" -> 429;
      case "b" -> 503;
      default -> 201;
    })).then(Answer.allCreated());
    writer(3);
    write("a", "b", "c");

    writer.flush(false);

    assertThat(writer.indexedCount()).isEqualTo(3);
    assertThat(writer.retryCount()).isEqualTo(2);
    assertThat(writer.deadLetteredCount()).isZero();
    List<String> sent = server.requests.stream().flatMap(r -> ids(r).stream()).collect(Collectors.toList());
    assertThat(sent).containsExactlyInAnyOrder("a", "b", "c", "a", "b");
  }

  @Test
  void wholeRequestServerErrorIsRetried() throws Exception {
    server.then(Answer.request(503)).then(Answer.allCreated());
    writer(3);
    write("a", "b");

    writer.flush(false);

    assertThat(writer.indexedCount()).isEqualTo(2);
    assertThat(writer.retryCount()).isEqualTo(2);
  }

  @Test
  void mappingConflictGoesToTheDeadLetterIndexWithOriginalAndReason() throws Exception {
    server.then(Answer.items(op -> op.id().equals("bad") ? 400 : 201)).then(Answer.allCreated());
    writer(3);
    write("good", "bad");

    writer.flush(false);

    assertThat(writer.indexedCount()).isEqualTo(1);
    assertThat(writer.deadLetteredCount()).isEqualTo(1);
    assertThat(writer.retryCount()).as("a 4xx is never retried").isZero();
    assertThat(server.requests).hasSize(2);
    Op deadLetter = server.requests.get(1).get(0);
    assertThat(deadLetter.index()).isEqualTo("soc-deadletter");
    assertThat(deadLetter.id()).isEqualTo(INDEX + "/bad");
    JsonNode doc = deadLetter.source();
    assertThat(doc.get("@timestamp").asText()).isEqualTo("2026-11-24T12:00:00Z");
    assertThat(doc.at("/deadletter/index").asText()).isEqualTo(INDEX);
    assertThat(doc.at("/deadletter/id").asText()).isEqualTo("bad");
    assertThat(doc.at("/deadletter/status").asInt()).isEqualTo(400);
    assertThat(doc.at("/error/type").asText()).isEqualTo("document_parsing_exception");
    assertThat(doc.at("/error/reason").asText()).contains("source.port");
    assertThat(doc.at("/error/caused_by/reason").asText()).contains("not-a-number");
    assertThat(doc.get("original").asText()).isEqualTo(EMITTER.emit("bad").jsonString());
  }

  @Test
  void exhaustedRetriesFailTheTaskInsteadOfDropping() throws Exception {
    server.then(Answer.items(op -> 503)); // repeats
    writer(2);
    write("a");

    Throwable thrown = catchThrowable(() -> writer.flush(false));

    ElasticsearchSinkException failure = find(thrown, ElasticsearchSinkException.class);
    assertThat(failure).isNotNull();
    assertThat(failure.status()).isEqualTo(503);
    assertThat(failure.id()).isEqualTo("a");
    assertThat(failure.getMessage()).contains("giving up after 2 retries");
    assertThat(server.requests).hasSize(3);
    assertThat(writer.failedCount()).isEqualTo(1);
  }

  @Test
  void wholeRequestClientErrorFailsTheTaskWithoutRetry() throws Exception {
    server.then(Answer.request(400));
    writer(3);
    write("a");

    Throwable thrown = catchThrowable(() -> writer.flush(false));

    assertThat(find(thrown, ElasticsearchSinkException.class)).isNotNull()
        .extracting(ElasticsearchSinkException::status).isEqualTo(400);
    assertThat(server.requests).hasSize(1);
    assertThat(writer.retryCount()).isZero();
  }

  @Test
  void rejectedDeadLetterFailsTheTask() throws Exception {
    server.then(Answer.items(op -> 400)); // the dead letter is rejected too
    writer(3);
    write("a");

    Throwable thrown = catchThrowable(() -> writer.flush(false));

    ElasticsearchSinkException failure = find(thrown, ElasticsearchSinkException.class);
    assertThat(failure).isNotNull();
    assertThat(failure.index()).isEqualTo("soc-deadletter");
    assertThat(server.requests).hasSize(2);
  }

  private static List<String> ids(List<Op> ops) {
    return ops.stream().map(Op::id).collect(Collectors.toList());
  }

  private static <E extends Throwable> E find(Throwable t, Class<E> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}
