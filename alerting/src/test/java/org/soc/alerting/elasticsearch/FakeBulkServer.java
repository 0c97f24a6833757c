package org.soc.alerting.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An HTTP server speaking just enough of {@code POST /_bulk} for the writer tests: each bulk request is
 * recorded, and answered by the next scripted {@link Answer} (the last one repeats).
 */
final class FakeBulkServer implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One operation of a received bulk request. */
  record Op(String index, String id, JsonNode source) {}

  /** How to answer one bulk request: per-item statuses, or a status for the whole request. */
  record Answer(Function<Op, Integer> itemStatus, int requestStatus, CountDownLatch hold) {
    static Answer items(Function<Op, Integer> itemStatus) {
      return new Answer(itemStatus, 200, null);
    }

    static Answer allCreated() {
      return items(op -> 201);
    }

    static Answer request(int status) {
      return new Answer(null, status, null);
    }

    Answer heldUntil(CountDownLatch latch) {
      return new Answer(itemStatus, requestStatus, latch);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final BlockingQueue<Answer> script = new LinkedBlockingQueue<>();
  private volatile Answer last = Answer.allCreated();
  final List<List<Op>> requests = new CopyOnWriteArrayList<>();
  final BlockingQueue<List<Op>> received = new LinkedBlockingQueue<>();

  FakeBulkServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  FakeBulkServer then(Answer answer) {
    script.add(answer);
    return this;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      List<Op> ops = parse(body);
      requests.add(ops);
      received.add(ops);
      Answer answer = script.poll();
      if (answer == null) {
        answer = last;
      }
      last = answer;
      if (answer.hold() != null) {
        answer.hold().await();
      }
      byte[] response;
      int status;
      if (answer.itemStatus() == null) {
        status = answer.requestStatus();
        response = ("{\"error\":{\"type\":\"unavailable_shards_exception\",\"reason\":\"scripted\"},\"status\":"
            + status + "}").getBytes(StandardCharsets.UTF_8);
      } else {
        status = 200;
        response = bulkResponse(ops, answer.itemStatus());
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
      exchange.sendResponseHeaders(status, response.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<Op> parse(String ndjson) throws IOException {
    List<Op> ops = new ArrayList<>();
    String[] lines = ndjson.split("\n");
    for (int i = 0; i + 1 < lines.length; i += 2) {
      JsonNode action = MAPPER.readTree(lines[i]).get("index");
      JsonNode id = action.get("_id");
      ops.add(new Op(action.get("_index").asText(), id == null ? null : id.asText(), MAPPER.readTree(lines[i + 1])));
    }
    return ops;
  }

  private static byte[] bulkResponse(List<Op> ops, Function<Op, Integer> itemStatus) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("took", 1);
    ArrayNode items = root.putArray("items");
    boolean errors = false;
    for (Op op : ops) {
      int status = itemStatus.apply(op);
      ObjectNode item = items.addObject().putObject("index");
      item.put("_index", op.index());
      item.put("_id", op.id());
      item.put("status", status);
      if (status < 300) {
        item.put("result", "created").put("_version", 1).put("_seq_no", 0).put("_primary_term", 1);
        item.putObject("_shards").put("total", 1).put("successful", 1).put("failed", 0);
      } else {
        errors = true;
        ObjectNode error = item.putObject("error");
        if (status == 400) {
          error.put("type", "document_parsing_exception");
          error.put("reason", "[1:42] failed to parse field [source.port] of type [long] in document with id '"
              + op.id() + "'");
          error.putObject("caused_by").put("type", "illegal_argument_exception")
              .put("reason", "For input string: \"not-a-number\"");
        } else if (status == 429) {
          error.put("type", "es_rejected_execution_exception").put("reason", "rejected execution (scripted)");
        } else {
          error.put("type", "unavailable_shards_exception").put("reason", "primary shard is not active (scripted)");
        }
      }
    }
    root.put("errors", errors);
    return MAPPER.writeValueAsBytes(root);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
