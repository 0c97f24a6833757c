package org.soc.alerting.elasticsearch;

import java.time.Clock;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * At-least-once Elasticsearch sink on Flink's Sink V2 API: the {@link DocumentEmitter} decides index, {@code _id}
 * and JSON; the {@link ElasticsearchSinkWriter} bulk-indexes, retries, dead-letters and waits for
 * acknowledgement on every checkpoint.
 *
 * <pre>{@code
 * events.sinkTo(new ElasticsearchSink<>(ElasticsearchSinkConfig.of("http://127.0.0.1:9200"), new EventEmitter()));
 * }</pre>
 */
public final class ElasticsearchSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  private final ElasticsearchSinkConfig config;
  private final DocumentEmitter<T> emitter;

  public ElasticsearchSink(ElasticsearchSinkConfig config, DocumentEmitter<T> emitter) {
    this.config = Objects.requireNonNull(config, "config");
    this.emitter = Objects.requireNonNull(emitter, "emitter");
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return new ElasticsearchSinkWriter<>(
        config,
        emitter,
        ElasticsearchClients.transport(config.urls()),
        context.getMailboxExecutor(),
        context.metricGroup(),
        Clock.systemUTC(),
        context.getTaskInfo().getTaskNameWithSubtasks());
  }

  public ElasticsearchSinkConfig config() {
    return config;
  }
}
