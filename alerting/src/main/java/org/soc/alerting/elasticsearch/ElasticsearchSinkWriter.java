package org.soc.alerting.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.util.function.ThrowingRunnable;
import org.elasticsearch.client.ResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes documents with elasticsearch-java's {@link BulkIngester}, which batches by count, size and interval
 * and bounds the requests in flight. Everything else happens on the task thread:
 *
 * <ul>
 *   <li>The ingester's listener runs on the ingester's threads; it only posts the outcome to the task's
 *       {@link MailboxExecutor}. All writer state ({@link #pending}, retries, dead letters, counters) is
 *       touched by the task thread alone.
 *   <li>{@link #flush(boolean)} (called before each checkpoint barrier and at end of input) sends what is
 *       buffered and yields to the mailbox until every document written so far is acknowledged: indexed,
 *       dead-lettered, or failed (which fails the job). That is at-least-once; deterministic {@code _id}s make
 *       the replay idempotent.
 *   <li>429 and 5xx items, and whole requests that failed with 429/5xx or an I/O error, are retried with
 *       exponential back-off ({@link ElasticsearchSinkConfig#backoff}); the delay runs on a timer thread that
 *       posts the retry back to the mailbox. The ingester's own back-off is not used: it only retries 429
 *       items, not 5xx items or failed requests.
 *   <li>An item rejected with another 4xx (a mapping conflict, say) is not retried: it is replaced by a
 *       dead-letter document in {@link ElasticsearchSinkConfig#deadLetterIndex()} that keeps the original JSON.
 *   <li>When retries are exhausted, or a dead-letter document or a whole request is rejected with a 4xx, the
 *       writer throws {@link ElasticsearchSinkException} on the task thread: the job restarts from its last
 *       checkpoint rather than dropping the documents.
 * </ul>
 *
 * <p>Metrics (on the sink writer group): {@code numRecordsIndexed}, {@code numRecordsDeadLettered},
 * {@code numRecordsFailed}, {@code numBulkRetries}, and Flink's standard {@code numRecordsSend} /
 * {@code numRecordsSendErrors}.
 */
public final class ElasticsearchSinkWriter<T> implements SinkWriter<T> {
  private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSinkWriter.class);

  private final ElasticsearchSinkConfig config;
  private final DocumentEmitter<T> emitter;
  private final ElasticsearchTransport transport;
  private final MailboxExecutor mailbox;
  private final Clock clock;
  private final DeadLetters deadLetters;
  private final BulkIngester<Pending> ingester;
  private final ScheduledExecutorService retryTimer;

  private final Counter indexed;
  private final Counter deadLettered;
  private final Counter superseded;
  private final Counter failed;
  private final Counter retries;
  private final Counter sent;
  private final Counter sendErrors;

  /** Documents written (or dead letters created) and not yet acknowledged. Task thread only. */
  private long pending;
  private boolean closed;

  /**
   * @param transport owned by the writer, closed with it
   * @param mailbox   the task's mailbox (from the writer init context)
   * @param clock     the time stamp of dead-letter documents
   */
  ElasticsearchSinkWriter(
      ElasticsearchSinkConfig config,
      DocumentEmitter<T> emitter,
      ElasticsearchTransport transport,
      MailboxExecutor mailbox,
      SinkWriterMetricGroup metrics,
      Clock clock,
      String name) {
    this.config = config;
    this.emitter = emitter;
    this.transport = transport;
    this.mailbox = mailbox;
    this.clock = clock;
    this.deadLetters = new DeadLetters(config.deadLetterIndex());
    this.indexed = metrics.counter("numRecordsIndexed");
    this.deadLettered = metrics.counter("numRecordsDeadLettered");
    this.superseded = metrics.counter("numRecordsSuperseded");
    this.failed = metrics.counter("numRecordsFailed");
    this.retries = metrics.counter("numBulkRetries");
    this.sent = metrics.getNumRecordsSendCounter();
    this.sendErrors = metrics.getNumRecordsSendErrorsCounter();
    this.retryTimer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "elasticsearch-sink-retry-" + name);
      t.setDaemon(true);
      return t;
    });
    this.ingester = BulkIngester.of(b -> b
        .client(new ElasticsearchAsyncClient(transport))
        .maxOperations(config.bulkMaxActions())
        .maxSize(config.bulkMaxBytes())
        .maxConcurrentRequests(config.maxConcurrentRequests())
        .flushInterval(config.flushInterval().toMillis(), TimeUnit.MILLISECONDS)
        .globalSettings(g -> config.refreshOnWrite() ? g.refresh(co.elastic.clients.elasticsearch._types.Refresh.True) : g)
        .listener(new MailboxListener()));
  }

  @Override
  public void write(T element, Context context) {
    checkOpen();
    IndexDocument document = emitter.emit(element);
    pending++;
    sent.inc();
    add(new Pending(document, 0, false));
  }

  /** Sends what is buffered and blocks (yielding to the mailbox) until every written document is acknowledged. */
  @Override
  public void flush(boolean endOfInput) throws InterruptedException {
    checkOpen();
    ingester.flush();
    while (pending > 0) {
      // runs the mails posted by the listener and by the retry timer; a failure is rethrown from here
      mailbox.yield();
    }
  }

  @Override
  public void close() throws Exception {
    if (closed) {
      return;
    }
    closed = true;
    try {
      // waits for requests in flight; their outcome mails are no longer processed (the task is going away,
      // and anything not acknowledged by a checkpoint is replayed)
      ingester.close();
    } finally {
      retryTimer.shutdownNow();
      transport.close();
    }
  }

  /** Documents written and not yet acknowledged (for tests). */
  long pending() {
    return pending;
  }

  long indexedCount() {
    return indexed.getCount();
  }

  long deadLetteredCount() {
    return deadLettered.getCount();
  }

  long failedCount() {
    return failed.getCount();
  }

  long supersededCount() {
    return superseded.getCount();
  }

  long retryCount() {
    return retries.getCount();
  }

  private void add(Pending op) {
    IndexDocument doc = op.document();
    BulkOperation operation = BulkOperation.of(b -> b.index(i -> {
      i.index(doc.index())
          .id(doc.id())
          .document(BinaryData.of(doc.json(), ContentType.APPLICATION_JSON));
      if (doc.version() != null) {
        i.version(doc.version()).versionType(co.elastic.clients.elasticsearch._types.VersionType.ExternalGte);
      }
      return i;
    }));
    ingester.add(operation, op);
  }

  // ---- outcomes, on the task thread

  private void onResponse(List<Pending> ops, List<BulkResponseItem> items) {
    if (ops.size() != items.size()) {
      throw new IllegalStateException("bulk response has " + items.size() + " items for " + ops.size() + " operations");
    }
    ElasticsearchSinkException fatal = null;
    boolean added = false;
    for (int i = 0; i < items.size(); i++) {
      Pending op = ops.get(i);
      BulkResponseItem item = items.get(i);
      int status = item.status();
      if (item.error() == null) {
        acknowledge(op);
      } else if (status == 409 && op.document().version() != null) {
        // A newer version of this document is already indexed: this one is superseded, not lost.
        superseded.inc();
        acknowledge(op);
      } else if (isRetryable(status)) {
        fatal = first(fatal, retry(op, status, describe(item.error()), null));
      } else if (op.deadLetter()) {
        fatal = first(fatal, fail(op, status, "dead-letter document rejected: " + describe(item.error()), null));
      } else {
        LOG.warn("{} rejected with {} {}; writing it to {}", op.document(), status, describe(item.error()),
            config.deadLetterIndex());
        add(new Pending(deadLetters.document(op.document(), status, item.error(), clock.instant()), 0, true));
        added = true;
      }
    }
    if (added) {
      ingester.flush();
    }
    if (fatal != null) {
      throw fatal;
    }
  }

  private void onFailure(List<Pending> ops, Throwable failure) {
    Throwable cause = unwrap(failure);
    int status = statusOf(cause);
    boolean retryable = status < 0 ? cause instanceof IOException : isRetryable(status);
    ElasticsearchSinkException fatal = null;
    for (Pending op : ops) {
      fatal = retryable
          ? first(fatal, retry(op, status, "bulk request failed: " + cause, cause))
          : first(fatal, fail(op, status, "bulk request rejected: " + cause, cause));
    }
    if (fatal != null) {
      throw fatal;
    }
  }

  private void acknowledge(Pending op) {
    pending--;
    (op.deadLetter() ? deadLettered : indexed).inc();
  }

  /** Schedules a retry, or returns the failure when retries are exhausted. */
  private ElasticsearchSinkException retry(Pending op, int status, String reason, Throwable cause) {
    if (op.retries() >= config.maxRetries()) {
      return fail(op, status, "giving up after " + op.retries() + " retries: " + reason, cause);
    }
    Pending next = new Pending(op.document(), op.retries() + 1, op.deadLetter());
    Duration delay = config.backoff(next.retries());
    LOG.debug("retry {} of {} in {} ({})", next.retries(), op.document(), delay, reason);
    retries.inc();
    retryTimer.schedule(() -> post(() -> {
      add(next);
      ingester.flush();
    }, "retry bulk operation"), delay.toMillis(), TimeUnit.MILLISECONDS);
    return null;
  }

  private ElasticsearchSinkException fail(Pending op, int status, String reason, Throwable cause) {
    pending--;
    failed.inc();
    sendErrors.inc();
    return new ElasticsearchSinkException(reason, op.document().index(), op.document().id(), status, cause);
  }

  // ---- helpers

  /** Posts to the mailbox; after the task closed its mailbox the outcome is moot (replayed from a checkpoint). */
  private void post(ThrowingRunnable<? extends Exception> mail, String description) {
    try {
      mailbox.execute(mail, description);
    } catch (RejectedExecutionException e) {
      LOG.debug("mailbox closed, dropping '{}'", description);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("writer is closed");
    }
  }

  static boolean isRetryable(int status) {
    return status == 429 || status >= 500;
  }

  private static ElasticsearchSinkException first(ElasticsearchSinkException a, ElasticsearchSinkException b) {
    return a != null ? a : b;
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** The HTTP status of a failed request, or -1 if no response arrived. */
  private static int statusOf(Throwable t) {
    if (t instanceof ElasticsearchException e) {
      return e.status();
    }
    if (t instanceof TransportException e) {
      return e.statusCode();
    }
    if (t instanceof ResponseException e) {
      return e.getResponse().getStatusLine().getStatusCode();
    }
    return -1;
  }

  private static String describe(ErrorCause error) {
    StringBuilder s = new StringBuilder().append(error.type()).append(": ").append(error.reason());
    if (error.causedBy() != null) {
      s.append(" (caused by ").append(error.causedBy().type()).append(": ").append(error.causedBy().reason()).append(')');
    }
    return s.toString();
  }

  /** A document on its way, with the retries spent on it. */
  record Pending(IndexDocument document, int retries, boolean deadLetter) {}

  /** Runs on the ingester's threads: hands the outcome to the task thread and does nothing else. */
  private final class MailboxListener implements BulkListener<Pending> {
    @Override
    public void beforeBulk(long executionId, BulkRequest request, List<Pending> contexts) {}

    @Override
    public void afterBulk(long executionId, BulkRequest request, List<Pending> contexts, BulkResponse response) {
      List<BulkResponseItem> items = response.items();
      post(() -> onResponse(contexts, items), "bulk response " + executionId);
    }

    @Override
    public void afterBulk(long executionId, BulkRequest request, List<Pending> contexts, Throwable failure) {
      post(() -> onFailure(contexts, failure), "bulk failure " + executionId);
    }
  }
}
