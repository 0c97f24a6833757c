package org.soc.alerting.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.soc.alerting.AlertEmitter;
import org.soc.alerting.EventEmitter;
import org.soc.alerting.TestData;
import org.soc.schema.Alert;
import org.soc.schema.Event;
import org.soc.schema.EventJson;
import org.soc.stack.LocalStack;
import org.soc.stack.LocalStackExtension;

/**
 * The sink in a real Flink job (MiniCluster, parallelism 2, checkpointing) against the real Elasticsearch of the
 * local stack, with the index templates installed.
 */
@ExtendWith(LocalStackExtension.class)
class ElasticsearchSinkIT {

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
      .setNumberTaskManagers(1)
      .setNumberSlotsPerTaskManager(2)
      .build());

  private static final int EVENTS = 200;
  private static final Instant DAY = Instant.parse("2026-11-24T08:00:00Z");
  private static final String INDEX_A = "soc-events-it-agency-a-2026.11.24";
  private static final String INDEX_B = "soc-events-it-agency-b-2026.11.24";
  private static final String ALERT_INDEX = "soc-alerts-national-2026.11";
  private static final String DEAD_INDEX = "soc-events-it-dead-2026.11.24";

  private static final ObjectMapper JSON = EventJson.newMapper();
  private static String url;
  private static ElasticsearchTransport transport;
  private static ElasticsearchClient es;
  private static RestClient rest;

  @BeforeAll
  static void installTemplates(LocalStack stack) throws IOException {
    url = stack.elasticsearchUrl();
    transport = ElasticsearchClients.transport(List.of(url));
    es = new ElasticsearchClient(transport);
    rest = ((RestClientTransport) transport).restClient();
    new IndexTemplates(es, 0).install();
  }

  @AfterAll
  static void closeClient() throws IOException {
    if (transport != null) {
      transport.close();
    }
  }

  static Event event(long i) {
    String agency = i % 2 == 0 ? "it-agency-a" : "it-agency-b";
    return TestData.event(String.format("evt-%04d", i), agency, DAY.plusSeconds(i), "10.0." + (i / 250) + "." + (i % 250));
  }

  static Alert alert(long i) {
    return TestData.alert("it-alert-1", Alert.NATIONAL, DAY.plusSeconds(300), List.of("evt-0000", "evt-0001"));
  }

  private static ElasticsearchSinkConfig sinkConfig() {
    // small bulks and a short interval so that several bulks and checkpoints happen
    return ElasticsearchSinkConfig.of(url).withBulk(50, 5_000_000, Duration.ofMillis(200));
  }

  private static StreamExecutionEnvironment environment() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(100);
    return env;
  }

  private static void runEventsAndAlertJob() throws Exception {
    StreamExecutionEnvironment env = environment();
    // perCheckpoint: each subtask emits 20 events per checkpoint, so the job only completes through
    // several checkpoints, each of which flushes the sink writers
    env.fromSource(new DataGeneratorSource<>(ElasticsearchSinkIT::event, EVENTS, RateLimiterStrategy.perCheckpoint(20),
            TypeInformation.of(Event.class)), WatermarkStrategy.noWatermarks(), "events")
        .sinkTo(new ElasticsearchSink<>(sinkConfig(), new EventEmitter())).name("events-to-es");
    env.fromSource(new DataGeneratorSource<>(ElasticsearchSinkIT::alert, 1, TypeInformation.of(Alert.class)),
            WatermarkStrategy.noWatermarks(), "alerts")
        .sinkTo(new ElasticsearchSink<>(sinkConfig(), new AlertEmitter())).name("alerts-to-es");
    env.execute("events and alert to Elasticsearch");
    refresh();
  }

  @Test
  void eventsAndAlertAreSearchableWithTheirIdsAndTypesAndAReplayDoesNotDuplicate() throws Exception {
    runEventsAndAlertJob();

    assertThat(count(INDEX_A) + count(INDEX_B)).isEqualTo(EVENTS);
    assertThat(count(INDEX_A)).isEqualTo(EVENTS / 2);
    JsonNode doc = get(INDEX_B, "evt-0007");
    assertThat(doc.get("found").asBoolean()).isTrue();
    assertThat(JSON.treeToValue(doc.get("_source"), Event.class)).isEqualTo(event(7));
    JsonNode hits = search(INDEX_A, "{\"query\":{\"term\":{\"source.ip\":\"10.0.0.42\"}}}");
    assertThat(hits.at("/hits/hits/0/_id").asText()).isEqualTo("evt-0042");
    JsonNode cidr = search(INDEX_A + "," + INDEX_B, "{\"query\":{\"term\":{\"source.ip\":\"10.0.0.0/24\"}}}");
    assertThat(cidr.at("/hits/total/value").asInt()).as("ip type: CIDR query").isEqualTo(EVENTS);

    JsonNode mapping = json(rest.performRequest(new Request("GET", "/" + INDEX_A + "/_mapping")))
        .at("/" + INDEX_A + "/mappings/properties");
    assertThat(mapping.at("/@timestamp/type").asText()).isEqualTo("date");
    assertThat(mapping.at("/source/properties/ip/type").asText()).isEqualTo("ip");
    assertThat(mapping.at("/observer/properties/ip/type").asText()).isEqualTo("ip");
    assertThat(mapping.at("/source/properties/port/type").asText()).isEqualTo("long");
    assertThat(mapping.at("/event/properties/id/type").asText()).isEqualTo("keyword");
    assertThat(mapping.at("/event/properties/original/index").asBoolean(true)).isFalse();
    assertThat(mapping.at("/log/properties/syslog/properties/severity/properties/code/type").asText()).isEqualTo("integer");
    assertThat(mapping.at("/log/properties/syslog/properties/structured_data/type").asText()).isEqualTo("flattened");
    assertThat(mapping.at("/labels/properties/site/type").asText()).isEqualTo("keyword");
    assertThat(mapping.at("/message/type").asText()).isEqualTo("text");

    JsonNode alert = get(ALERT_INDEX, "it-alert-1");
    assertThat(alert.get("found").asBoolean()).isTrue();
    assertThat(alert.at("/_source/alert/event_ids").size()).isEqualTo(2);
    JsonNode alertMapping = json(rest.performRequest(new Request("GET", "/" + ALERT_INDEX + "/_mapping")))
        .at("/" + ALERT_INDEX + "/mappings/properties");
    assertThat(alertMapping.at("/alert/properties/first_seen/type").asText()).isEqualTo("date");
    assertThat(alertMapping.at("/alert/properties/count/type").asText()).isEqualTo("long");
    assertThat(alertMapping.at("/destination/properties/ip/type").asText()).isEqualTo("ip");
    JsonNode settings = json(rest.performRequest(new Request("GET", "/" + ALERT_INDEX + "/_settings")))
        .at("/" + ALERT_INDEX + "/settings/index");
    assertThat(settings.get("number_of_replicas").asText()).isEqualTo("0");
    assertThat(settings.has("refresh_interval")).isFalse();

    // replay: same ids, so documents are overwritten, not added
    runEventsAndAlertJob();

    assertThat(count(INDEX_A) + count(INDEX_B)).isEqualTo(EVENTS);
    assertThat(count(ALERT_INDEX)).isEqualTo(1);
    // the alert's version is its count (2 events), replayed as the same version: one document
    assertThat(get(ALERT_INDEX, "it-alert-1").get("_version").asInt()).isEqualTo(2);
  }

  @Test
  void mappingConflictsLandInTheDeadLetterIndexWithTheReason() throws Exception {
    Event good = TestData.event("evt-good", "it-dead", DAY, "192.0.2.1");
    Event badIp = TestData.event("evt-bad-ip", "it-dead", DAY, "999.1.2.3");
    String rawJson = "{\"@timestamp\":\"2026-11-24T08:00:00Z\",\"source\":{\"ip\":\"192.0.2.2\",\"port\":\"not-a-number\"}}";

    StreamExecutionEnvironment env = environment();
    env.fromData(List.of(good, badIp), TypeInformation.of(Event.class))
        .sinkTo(new ElasticsearchSink<>(sinkConfig(), new EventEmitter()));
    env.fromData("raw-bad-port")
        .sinkTo(new ElasticsearchSink<String>(sinkConfig(), id -> new IndexDocument(DEAD_INDEX, id,
            rawJson.getBytes(StandardCharsets.UTF_8))));
    env.execute("mapping conflicts");
    refresh();

    assertThat(count(DEAD_INDEX)).as("only the good event is indexed").isEqualTo(1);
    assertThat(get(DEAD_INDEX, "evt-good").get("found").asBoolean()).isTrue();

    JsonNode ip = get("soc-deadletter", DEAD_INDEX + "/evt-bad-ip");
    assertThat(ip.get("found").asBoolean()).isTrue();
    assertThat(ip.at("/_source/deadletter/index").asText()).isEqualTo(DEAD_INDEX);
    assertThat(ip.at("/_source/deadletter/id").asText()).isEqualTo("evt-bad-ip");
    assertThat(ip.at("/_source/deadletter/status").asInt()).isEqualTo(400);
    assertThat(ip.at("/_source/error/type").asText()).isEqualTo("document_parsing_exception");
    assertThat(ip.at("/_source/error/reason").asText()).contains("source.ip");
    assertThat(ip.at("/_source/error/caused_by/reason").asText()).contains("999.1.2.3");
    assertThat(ip.at("/_source/original").asText()).isEqualTo(new EventJson().toJson(badIp));
    assertThat(ip.at("/_source/@timestamp").asText()).isNotEmpty();

    JsonNode port = get("soc-deadletter", DEAD_INDEX + "/raw-bad-port");
    assertThat(port.get("found").asBoolean()).isTrue();
    assertThat(port.at("/_source/error/reason").asText()).contains("source.port");
    assertThat(port.at("/_source/original").asText()).isEqualTo(rawJson);

    JsonNode search = search("soc-deadletter",
        "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"deadletter.index\":\"" + DEAD_INDEX + "\"}},"
            + "{\"term\":{\"error.type\":\"document_parsing_exception\"}}]}}}");
    assertThat(search.at("/hits/total/value").asInt()).isEqualTo(2);
  }

  @Test
  void anOlderVersionOfAnAlertNeverOverwritesANewerOne() throws Exception {
    // Two bulks in flight, a retry or a replay after a restore can deliver an alert's updates out of order.
    Alert newer = TestData.alert("it-alert-versions", "it-agency-a", DAY.plusSeconds(600),
        List.of("evt-1", "evt-2", "evt-3"));
    Alert older = TestData.alert("it-alert-versions", "it-agency-a", DAY.plusSeconds(600), List.of("evt-1", "evt-2"));
    for (Alert alert : List.of(newer, older)) {
      StreamExecutionEnvironment env = environment();
      env.fromData(List.of(alert), TypeInformation.of(Alert.class))
          .sinkTo(new ElasticsearchSink<>(sinkConfig(), new AlertEmitter()));
      env.execute("alert version " + alert.alert().count());
    }
    refresh();
    String index = org.soc.alerting.IndexNames.alerts(newer);
    JsonNode doc = get(index, "it-alert-versions");
    assertThat(doc.at("/_source/alert/count").asLong()).isEqualTo(3);
    assertThat(doc.get("_version").asLong()).isEqualTo(3);
    assertThat(search("soc-deadletter*", "{\"query\":{\"term\":{\"deadletter.id\":\"it-alert-versions\"}}}")
        .at("/hits/total/value").asInt()).as("superseded, not dead-lettered").isZero();
  }

  @Test
  void refreshOnWriteMakesDocumentsSearchableWithoutWaitingForAPeriodicRefresh() throws Exception {
    // Periodic refresh off on both indices: only a refresh the sink asks for can make a document searchable.
    String urgent = "soc-events-it-urgent-2026.11.24";
    String routine = "soc-events-it-routine-2026.11.24";
    for (String index : List.of(urgent, routine)) {
      Request create = new Request("PUT", "/" + index);
      create.setJsonEntity("{\"settings\":{\"index\":{\"refresh_interval\":\"-1\"}}}");
      rest.performRequest(create);
    }
    StreamExecutionEnvironment env = environment();
    env.fromData(List.of(TestData.event("evt-urgent", "it-urgent", DAY, "192.0.2.1")), TypeInformation.of(Event.class))
        .sinkTo(new ElasticsearchSink<>(sinkConfig().withRefreshOnWrite(true), new EventEmitter()));
    env.fromData(List.of(TestData.event("evt-routine", "it-routine", DAY, "192.0.2.2")), TypeInformation.of(Event.class))
        .sinkTo(new ElasticsearchSink<>(sinkConfig(), new EventEmitter()));
    env.execute("refresh on write");

    assertThat(count(urgent)).as("searchable as soon as the sink's bulk returned").isEqualTo(1);
    assertThat(count(routine)).as("not searchable before a refresh").isZero();
  }

  private static void refresh() throws IOException {
    rest.performRequest(new Request("POST", "/soc-*/_refresh"));
  }

  private static long count(String index) throws IOException {
    return json(rest.performRequest(new Request("GET", "/" + index + "/_count"))).get("count").asLong();
  }

  private static JsonNode get(String index, String id) throws IOException {
    Request request = new Request("GET", "/" + index + "/_doc/" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8));
    request.addParameter("ignore", "404");
    return json(rest.performRequest(request));
  }

  private static JsonNode search(String index, String body) throws IOException {
    Request request = new Request("POST", "/" + index + "/_search");
    request.setJsonEntity(body);
    return json(rest.performRequest(request));
  }

  private static JsonNode json(Response response) throws IOException {
    return JSON.readTree(response.getEntity().getContent());
  }
}
