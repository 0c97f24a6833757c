package org.soc.collectors.netflow;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * IPFIX, <a href="https://www.rfc-editor.org/rfc/rfc7011">RFC 7011</a>: the 16-byte message header (section
 * 3.1) whose length is checked against the datagram, template sets (id 2, section 3.4.1), options template sets
 * (id 3, section 3.4.2) with their scope field count, template withdrawal (section 8.1: a template record with
 * no fields, or the set id as template id for "all"), data sets (section 3.4.3) with padding (3.3.1),
 * variable-length elements in the 1- and 3-byte length forms (section 7), and enterprise-specific elements
 * (section 3.2) skipped by their length. Time forms: see {@link FlowFields}.
 */
public final class IpfixParser {
  static final int HEADER = 16;
  private final FlowSets sets;

  IpfixParser(FlowSets sets) {
    this.sets = sets;
  }

  /** Parses one IPFIX message (RFC 7011 section 10.3.2: one message per UDP datagram). */
  public FlowParseResult parse(InetSocketAddress exporter, byte[] p) {
    if (p.length < HEADER) {
      throw new CorruptFlowSetException("IPFIX header truncated: " + p.length + " of 16 bytes", exporter, -1, -1,
          p.length);
    }
    int version = Bytes.u16(p, 0);
    if (version != 10) {
      throw new UnsupportedVersionException(version, exporter);
    }
    int length = Bytes.u16(p, 2);
    long exportTime = Bytes.u32(p, 4);
    long domain = Bytes.u32(p, 12);
    if (length < HEADER || length > p.length) {
      throw new CorruptFlowSetException("IPFIX message length " + length + " but datagram has " + p.length
          + " bytes", exporter, domain, -1, 2);
    }
    ExportContext ctx = new ExportContext(exporter, 10, domain, exportTime * 1000, -1);
    FlowParseResult out = new FlowParseResult();
    if (length < p.length) {
      out.problem(new CorruptFlowSetException((p.length - length) + " bytes after the message length " + length
          + " ignored", exporter, domain, -1, length));
    }
    int pos = HEADER;
    while (pos < length) {
      if (length - pos < 4) {
        out.problem(new CorruptFlowSetException("trailing " + (length - pos) + " bytes after the last set",
            exporter, domain, -1, pos));
        break;
      }
      int setId = Bytes.u16(p, pos);
      int setLength = Bytes.u16(p, pos + 2);
      if (setLength < 4 || setLength > length - pos) {
        out.problem(new CorruptFlowSetException("set length " + setLength + " with " + (length - pos)
            + " bytes left in the message", exporter, domain, setId, pos + 2));
        break;
      }
      int from = pos + 4;
      int to = pos + setLength;
      try {
        if (setId == 2 || setId == 3) {
          templates(ctx, setId == 3, p, from, to, out);
        } else if (setId < 256) {
          throw new CorruptFlowSetException("reserved set id " + setId, exporter, domain, setId, pos);
        } else {
          sets.dataSet(ctx, setId, p, from, to, out);
        }
      } catch (FlowException e) {
        out.problem(e);
      }
      pos = to;
    }
    return out;
  }

  private void templates(ExportContext ctx, boolean options, byte[] p, int pos, int to, FlowParseResult out) {
    int setId = options ? 3 : 2;
    while (to - pos >= 4 && !Bytes.allZero(p, pos, to)) {
      int id = Bytes.u16(p, pos);
      int count = Bytes.u16(p, pos + 2);
      if (count == 0) {
        // Withdrawal (section 8.1); the set id as template id withdraws all templates of that kind.
        if (id == setId) {
          sets.cache().withdrawAll(ctx.exporter(), ctx.domainId(), options);
        } else if (id < 256) {
          throw new CorruptFlowSetException("withdrawal of template id " + id + " below 256", ctx.exporter(),
              ctx.domainId(), id, pos);
        } else {
          sets.cache().withdraw(ctx.exporter(), ctx.domainId(), id);
        }
        out.withdrawals++;
        pos += 4;
        continue;
      }
      if (id < 256) {
        throw new CorruptFlowSetException("template id " + id + " below 256", ctx.exporter(), ctx.domainId(), id, pos);
      }
      int scopeCount = 0;
      int fieldsAt = pos + 4;
      if (options) {
        if (to - pos < 6) {
          throw new CorruptFlowSetException("options template header truncated", ctx.exporter(), ctx.domainId(), id,
              pos);
        }
        scopeCount = Bytes.u16(p, pos + 4);
        if (scopeCount == 0 || scopeCount > count) {
          throw new CorruptFlowSetException("scope field count " + scopeCount + " of " + count + " fields",
              ctx.exporter(), ctx.domainId(), id, pos + 4);
        }
        fieldsAt = pos + 6;
      }
      List<FlowTemplate.Field> fields = sets.fields(ctx, id, p, fieldsAt, to, count, true);
      pos = fieldsAt + FlowSets.specifierBytes(fields);
      FlowTemplate t = new FlowTemplate(id, fields, scopeCount, options);
      sets.cache().put(ctx.exporter(), ctx.domainId(), t);
      out.templates++;
      sets.releasePending(ctx, id, out);
    }
  }
}
