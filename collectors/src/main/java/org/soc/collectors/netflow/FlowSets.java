package org.soc.collectors.netflow;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What NetFlow v9 and IPFIX share: decoding a data set against its template (RFC 3954 section 5.3, RFC 7011
 * section 3.4.3, padding per RFC 7011 section 3.3.1), and holding a set whose template has not arrived.
 */
final class FlowSets {
  private final TemplateCache cache;
  private final Clock clock;
  private final FlowLimits limits;

  FlowSets(TemplateCache cache, Clock clock, FlowLimits limits) {
    this.cache = cache;
    this.clock = clock;
    this.limits = limits;
  }

  TemplateCache cache() {
    return cache;
  }

  FlowLimits limits() {
    return limits;
  }

  /** Decodes a data set whose body is {@code b[from, to)}, or holds it when its template is unknown. */
  void dataSet(ExportContext ctx, int templateId, byte[] b, int from, int to, FlowParseResult out) {
    FlowTemplate t = cache.get(ctx.exporter(), ctx.domainId(), templateId);
    if (t == null) {
      byte[] body = new byte[to - from];
      System.arraycopy(b, from, body, 0, body.length);
      List<TemplateCache.PendingSet> dropped =
          cache.hold(new TemplateCache.PendingSet(ctx, templateId, body, from, clock.instant()));
      boolean heldThis = true;
      for (TemplateCache.PendingSet p : dropped) {
        heldThis &= p.body() != body;
        out.problem(new MissingTemplateException("no template for data set; held set given up",
            p.context().exporter(), p.context().domainId(), p.templateId(), p.offset()));
      }
      if (heldThis) {
        out.heldSets++;
      }
      return;
    }
    decode(ctx, t, b, from, to, out);
  }

  /** After a template arrived: decodes the sets held for it (each failure a problem, not a throw). */
  void releasePending(ExportContext ctx, int templateId, FlowParseResult out) {
    FlowTemplate t = cache.get(ctx.exporter(), ctx.domainId(), templateId);
    if (t == null) {
      return;
    }
    for (TemplateCache.PendingSet p : cache.takePending(ctx.exporter(), ctx.domainId(), templateId)) {
      try {
        int before = out.records().size();
        decode(p.context(), t, p.body(), 0, p.body().length, out);
        out.released += out.records().size() - before;
      } catch (FlowException e) {
        out.problem(e);
      }
    }
  }

  void decode(ExportContext ctx, FlowTemplate t, byte[] b, int from, int to, FlowParseResult out) {
    int min = t.minRecordLength();
    int pos = from;
    List<FlowRecord> decoded = new ArrayList<>();
    while (to - pos >= min) {
      if (decoded.size() >= limits.maxRecordsPerSet()) {
        throw corrupt(ctx, t, pos, "more than " + limits.maxRecordsPerSet() + " records in one set");
      }
      FlowRecord r = new FlowRecord(ctx, t.id());
      int[] ids = t.elementIds;
      int[] lengths = t.lengths;
      boolean[] enterprise = t.enterprise;
      int scopeFields = t.scopeFieldCount();
      boolean ipfix = ctx.version() == 10;
      for (int i = 0; i < ids.length; i++) {
        int len = lengths[i];
        if (len == FlowTemplate.VARIABLE_LENGTH) {
          // RFC 7011 section 7: one length byte, or 255 followed by a two-byte length.
          if (pos >= to) {
            throw corrupt(ctx, t, pos, "variable-length field " + ids[i] + " has no length byte");
          }
          len = Bytes.u8(b, pos++);
          if (len == 255) {
            if (to - pos < 2) {
              throw corrupt(ctx, t, pos, "variable-length field " + ids[i] + " truncated 3-byte length");
            }
            len = Bytes.u16(b, pos);
            pos += 2;
          }
        }
        if (len > to - pos) {
          throw corrupt(ctx, t, pos, "field " + ids[i] + " of " + len + " bytes overruns the set ("
              + (to - pos) + " left)");
        }
        if (enterprise[i]) {
          r.enterpriseFieldsSkipped++;
        } else if (i >= scopeFields || ipfix) {
          // v9 scope field types (system, interface, ...) are not information elements; skip them.
          FlowFields.apply(r, ids[i], b, pos, len);
        }
        pos += len;
      }
      decoded.add(r);
    }
    // Whatever is left is shorter than the smallest record: padding (RFC 3954 section 5.3, RFC 7011 3.3.1).
    if (t.options()) {
      for (FlowRecord r : decoded) {
        cache.domain(ctx.exporter(), ctx.domainId()).update(r);
        out.optionsRecords++;
      }
    } else {
      // Once per set, not per record: options records of this set's domain cannot arrive in between.
      TemplateCache.DomainInfo domain = cache.domainIfKnown(ctx.exporter(), ctx.domainId());
      for (FlowRecord r : decoded) {
        FlowFields.resolve(r, domain);
        out.add(r);
      }
    }
  }

  /** Reads {@code count} field specifiers at {@code pos}; IPFIX ones may carry an enterprise number. */
  List<FlowTemplate.Field> fields(ExportContext ctx, int templateId, byte[] b, int pos, int to, int count,
      boolean ipfix) {
    if (count > limits.maxFieldsPerTemplate()) {
      throw new CorruptFlowSetException("template declares " + count + " fields, limit "
          + limits.maxFieldsPerTemplate(), ctx.exporter(), ctx.domainId(), templateId, pos);
    }
    if ((long) count * 4 > to - pos) {
      throw new CorruptFlowSetException("template declares " + count + " fields but the set has " + (to - pos)
          + " bytes left", ctx.exporter(), ctx.domainId(), templateId, pos);
    }
    List<FlowTemplate.Field> fields = new ArrayList<>(count);
    long recordLength = 0;
    for (int i = 0; i < count; i++) {
      if (to - pos < 4) {
        throw new CorruptFlowSetException("field specifier " + i + " truncated", ctx.exporter(), ctx.domainId(),
            templateId, pos);
      }
      int id = Bytes.u16(b, pos);
      int len = Bytes.u16(b, pos + 2);
      long enterprise = 0;
      pos += 4;
      if (ipfix && (id & 0x8000) != 0) {
        if (to - pos < 4) {
          throw new CorruptFlowSetException("enterprise number of field " + i + " truncated", ctx.exporter(),
              ctx.domainId(), templateId, pos);
        }
        id &= 0x7FFF;
        enterprise = Bytes.u32(b, pos);
        pos += 4;
      }
      if (len == 0) {
        throw new CorruptFlowSetException("field " + id + " has length 0", ctx.exporter(), ctx.domainId(),
            templateId, pos - 2);
      }
      if (len == FlowTemplate.VARIABLE_LENGTH && !ipfix) {
        throw new CorruptFlowSetException("field " + id + " has length 65535 (NetFlow v9 has no variable length)",
            ctx.exporter(), ctx.domainId(), templateId, pos - 2);
      }
      recordLength += len == FlowTemplate.VARIABLE_LENGTH ? 1 : len;
      fields.add(new FlowTemplate.Field(id, len, enterprise));
    }
    if (recordLength > 65535) {
      throw new CorruptFlowSetException("template records would be " + recordLength + " bytes, more than a datagram",
          ctx.exporter(), ctx.domainId(), templateId, pos);
    }
    return fields;
  }

  /** Bytes a field list occupied, to advance past it. */
  static int specifierBytes(List<FlowTemplate.Field> fields) {
    int n = 0;
    for (FlowTemplate.Field f : fields) {
      n += f.enterprise() != 0 ? 8 : 4;
    }
    return n;
  }

  private static CorruptFlowSetException corrupt(ExportContext ctx, FlowTemplate t, int pos, String reason) {
    return new CorruptFlowSetException(reason, ctx.exporter(), ctx.domainId(), t.id(), pos);
  }
}
