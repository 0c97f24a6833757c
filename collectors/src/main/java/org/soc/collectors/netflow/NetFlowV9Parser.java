package org.soc.collectors.netflow;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * NetFlow version 9, <a href="https://www.rfc-editor.org/rfc/rfc3954">RFC 3954</a>: the 20-byte packet header
 * (section 5.1), template flowsets (id 0, section 5.2), options template flowsets (id 1, section 6.1), data
 * flowsets (id &ge; 256, section 5.3) with padding, and the field types of section 8 (see {@link FlowFields}).
 * Templates are kept per (exporter, source id) in the injected {@link TemplateCache}; data flowsets ahead of
 * their template are held there. The header {@code count} (all records in the packet) is checked, not trusted.
 */
public final class NetFlowV9Parser {
  static final int HEADER = 20;
  private final FlowSets sets;

  NetFlowV9Parser(FlowSets sets) {
    this.sets = sets;
  }

  /** Parses a whole v9 datagram; a failure confined to one flowset becomes a problem in the result. */
  public FlowParseResult parse(InetSocketAddress exporter, byte[] p) {
    if (p.length < HEADER) {
      throw new CorruptFlowSetException("NetFlow v9 header truncated: " + p.length + " of 20 bytes", exporter, -1,
          -1, p.length);
    }
    int version = Bytes.u16(p, 0);
    if (version != 9) {
      throw new UnsupportedVersionException(version, exporter);
    }
    int count = Bytes.u16(p, 2);
    long sysUptime = Bytes.u32(p, 4);
    long unixSecs = Bytes.u32(p, 8);
    long sourceId = Bytes.u32(p, 16);
    ExportContext ctx = new ExportContext(exporter, 9, sourceId, unixSecs * 1000, sysUptime);
    FlowParseResult out = new FlowParseResult();
    int pos = HEADER;
    while (pos < p.length) {
      if (p.length - pos < 4) {
        if (!Bytes.allZero(p, pos, p.length)) {
          out.problem(new CorruptFlowSetException("trailing " + (p.length - pos) + " bytes after the last flowset",
              exporter, sourceId, -1, pos));
        }
        break;
      }
      int setId = Bytes.u16(p, pos);
      int setLength = Bytes.u16(p, pos + 2);
      if (setLength < 4 || setLength > p.length - pos) {
        // The length cannot be trusted, so neither can anything after it.
        out.problem(new CorruptFlowSetException("flowset length " + setLength + " with " + (p.length - pos)
            + " bytes left", exporter, sourceId, setId, pos + 2));
        break;
      }
      int from = pos + 4;
      int to = pos + setLength;
      try {
        if (setId == 0) {
          templates(ctx, p, from, to, out);
        } else if (setId == 1) {
          optionsTemplates(ctx, p, from, to, out);
        } else if (setId < 256) {
          throw new CorruptFlowSetException("reserved flowset id " + setId, exporter, sourceId, setId, pos);
        } else {
          sets.dataSet(ctx, setId, p, from, to, out);
        }
      } catch (FlowException e) {
        out.problem(e);
      }
      pos = to;
    }
    // RFC 3954 counts template, options and data records; softflowd (and others) count data records only.
    int flows = out.records().size() - out.released;
    boolean agrees = count == flows + out.templates + out.optionsRecords || count == flows + out.optionsRecords
        || count == flows;
    out.countMismatch = !agrees && out.heldSets == 0 && out.problems().isEmpty();
    return out;
  }

  private void templates(ExportContext ctx, byte[] p, int pos, int to, FlowParseResult out) {
    while (to - pos >= 4 && !Bytes.allZero(p, pos, to)) {
      int id = Bytes.u16(p, pos);
      int count = Bytes.u16(p, pos + 2);
      if (id < 256) {
        throw new CorruptFlowSetException("template id " + id + " below 256", ctx.exporter(), ctx.domainId(), id, pos);
      }
      if (count == 0) {
        throw new CorruptFlowSetException("template with 0 fields", ctx.exporter(), ctx.domainId(), id, pos);
      }
      List<FlowTemplate.Field> fields = sets.fields(ctx, id, p, pos + 4, to, count, false);
      pos += 4 + FlowSets.specifierBytes(fields);
      learn(ctx, new FlowTemplate(id, fields, 0, false), out);
    }
  }

  private void optionsTemplates(ExportContext ctx, byte[] p, int pos, int to, FlowParseResult out) {
    while (to - pos >= 6 && !Bytes.allZero(p, pos, to)) {
      int id = Bytes.u16(p, pos);
      int scopeBytes = Bytes.u16(p, pos + 2);
      int optionBytes = Bytes.u16(p, pos + 4);
      if (id < 256) {
        throw new CorruptFlowSetException("options template id " + id + " below 256", ctx.exporter(),
            ctx.domainId(), id, pos);
      }
      if (scopeBytes % 4 != 0 || optionBytes % 4 != 0 || scopeBytes + optionBytes == 0) {
        throw new CorruptFlowSetException("options template scope/option lengths " + scopeBytes + "/" + optionBytes
            + " are not non-empty multiples of 4", ctx.exporter(), ctx.domainId(), id, pos + 2);
      }
      int scopeCount = scopeBytes / 4;
      List<FlowTemplate.Field> fields =
          sets.fields(ctx, id, p, pos + 6, to, scopeCount + optionBytes / 4, false);
      pos += 6 + scopeBytes + optionBytes;
      learn(ctx, new FlowTemplate(id, fields, scopeCount, true), out);
    }
  }

  private void learn(ExportContext ctx, FlowTemplate t, FlowParseResult out) {
    sets.cache().put(ctx.exporter(), ctx.domainId(), t);
    out.templates++;
    sets.releasePending(ctx, t.id(), out);
  }
}
