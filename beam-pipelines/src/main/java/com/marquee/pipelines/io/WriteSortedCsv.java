package com.marquee.pipelines.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.UUID;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes a {@code PCollection<String>} of CSV lines as ONE file: the header line, then the lines
 * sorted by {@link CsvLineOrder}, each terminated by {@code \n}, UTF-8. An empty input still writes
 * the header. The bytes depend only on the set of lines, never on the runner, its parallelism or
 * bundling.
 *
 * <p>Why one sorted file: SPEC §3 names the files ({@code interactions.csv}, {@code train.csv},
 * ...), the trainer reads them as one file each and hashes them into the model's dataset sha256, so
 * the same input must give the same bytes on every runner. {@code TextIO.write().withoutSharding()}
 * gives no order guarantee.
 *
 * <p>How (a distributed sort with a sequential merge):
 *
 * <ol>
 *   <li>every line goes to one of {@link #SHARDS} shards by a hash of its first field (deterministic:
 *       {@link String#hashCode} is specified);
 *   <li>each shard is sorted in memory on its worker and written as a shard file next to the target
 *       ({@code .<name>.<run id>.shard-NN}, length-prefixed UTF-8 records, so lines may contain
 *       newlines), under a temporary name then renamed, so a retried shard just rewrites it;
 *   <li>one worker k-way merges the shard files (memory: one line per shard) into a temporary file,
 *       renames it over the target (a reader never sees half a file) and deletes the shards.
 * </ol>
 *
 * Memory per worker is about 1/{@link #SHARDS} of the file (~300 bytes per line while sorting)
 * instead of the whole file; the merge is a sequential pass over the data. The target must be on a
 * file system every worker can reach (any Beam {@link FileSystems} scheme).
 */
public final class WriteSortedCsv extends PTransform<PCollection<String>, PDone> {
  /** Number of shards sorted in parallel. */
  public static final int SHARDS = 32;

  private final String file;
  private final String header;
  private final CsvLineOrder order;

  private WriteSortedCsv(String file, String header, CsvLineOrder order) {
    this.file = file;
    this.header = header;
    this.order = order;
  }

  /**
   * @param file target path or URI of any Beam file system reachable by all workers
   * @param header the header line, without terminator
   * @param keyFields how many leading fields form the sort key (see {@link CsvLineOrder})
   */
  public static WriteSortedCsv to(String file, String header, int keyFields) {
    return new WriteSortedCsv(file, header, CsvLineOrder.byFirstFields(keyFields));
  }

  @Override
  public PDone expand(PCollection<String> lines) {
    // One id per pipeline construction: shard files of concurrent or crashed runs never mix.
    String runId = UUID.randomUUID().toString();
    KvCoder<Integer, String> shardCoder = KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of());
    KvCoder<Integer, String> fileCoder = KvCoder.of(VarIntCoder.of(), NullableCoder.of(StringUtf8Coder.of()));
    PCollection<KV<Integer, String>> shardFiles =
        lines
            .apply("ToShard", ParDo.of(new ToShardFn()))
            .setCoder(shardCoder)
            .apply("GroupShards", GroupByKey.create())
            .apply("SortShard", ParDo.of(new SortShardFn(file, runId, order)))
            .setCoder(fileCoder);
    // One null marker so that the merge runs (and the header is written) even for empty input.
    PCollection<KV<Integer, String>> marker =
        lines.getPipeline().apply("EmptyMarker", Create.of(KV.of(0, (String) null)).withCoder(fileCoder));
    PCollectionList.of(shardFiles)
        .and(marker)
        .apply("WithMarker", Flatten.pCollections())
        .apply("AllShards", GroupByKey.create())
        .apply("MergeAndWrite", ParDo.of(new MergeFn(file, header, order)));
    return PDone.in(lines.getPipeline());
  }

  /** The shard of a line: a hash of its first field (so equal sort keys share a shard). */
  static int shardOf(String line) {
    int comma = line.indexOf(',');
    int h = (comma < 0 ? line : line.substring(0, comma)).hashCode();
    h ^= h >>> 16; // spread the low bits: ids differing in the last digit land far apart
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return Math.floorMod(h, SHARDS);
  }

  private static final class ToShardFn extends DoFn<String, KV<Integer, String>> {
    @ProcessElement
    public void process(@Element String line, OutputReceiver<KV<Integer, String>> out) {
      out.output(KV.of(shardOf(line), line));
    }
  }

  /** Sorts one shard and writes it; outputs {@code (0, shard file)}. */
  private static final class SortShardFn extends DoFn<KV<Integer, Iterable<String>>, KV<Integer, String>> {
    private final String file;
    private final String runId;
    private final CsvLineOrder order;

    SortShardFn(String file, String runId, CsvLineOrder order) {
      this.file = file;
      this.runId = runId;
      this.order = order;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<String>> shard, OutputReceiver<KV<Integer, String>> out)
        throws IOException {
      List<CsvLineOrder.Keyed> keyed = new ArrayList<>();
      for (String line : shard.getValue()) {
        keyed.add(order.key(line));
      }
      keyed.sort(order);
      ResourceId target = FileSystems.matchNewResource(file, false);
      ResourceId shardFile = sibling(target, String.format(".%s.%s.shard-%02d", target.getFilename(), runId, shard.getKey()));
      ResourceId temp = sibling(target, shardFile.getFilename() + ".tmp-" + UUID.randomUUID());
      try (DataOutputStream data =
          new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(
              FileSystems.create(temp, "application/octet-stream")), 1 << 16))) {
        for (CsvLineOrder.Keyed k : keyed) {
          byte[] bytes = k.line().getBytes(StandardCharsets.UTF_8);
          data.writeInt(bytes.length);
          data.write(bytes);
        }
      }
      FileSystems.rename(List.of(temp), List.of(shardFile), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      out.output(KV.of(0, shardFile.toString()));
    }
  }

  /** K-way merges the shard files into the target file. */
  private static final class MergeFn extends DoFn<KV<Integer, Iterable<String>>, Void> {
    private final String file;
    private final String header;
    private final CsvLineOrder order;

    MergeFn(String file, String header, CsvLineOrder order) {
      this.file = file;
      this.header = header;
      this.order = order;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<String>> group) throws IOException {
      List<ResourceId> shards = new ArrayList<>();
      for (String s : group.getValue()) {
        if (s != null) {
          shards.add(FileSystems.matchNewResource(s, false));
        }
      }
      shards.sort((a, b) -> a.toString().compareTo(b.toString()));
      ResourceId target = FileSystems.matchNewResource(file, false);
      ResourceId temp = sibling(target, "." + target.getFilename() + ".tmp-" + UUID.randomUUID());
      List<ShardReader> readers = new ArrayList<>();
      try {
        PriorityQueue<ShardReader> heads =
            new PriorityQueue<>((a, b) -> {
              int c = order.compare(a.head, b.head);
              return c != 0 ? c : Integer.compare(a.index, b.index);
            });
        for (ResourceId shard : shards) {
          ShardReader r = new ShardReader(readers.size(), Channels.newInputStream(FileSystems.open(shard)));
          readers.add(r);
          if (r.advance(order)) {
            heads.add(r);
          }
        }
        try (Writer w =
            new BufferedWriter(
                new OutputStreamWriter(Channels.newOutputStream(FileSystems.create(temp, "text/csv")), StandardCharsets.UTF_8),
                1 << 16)) {
          w.write(header);
          w.write('\n');
          while (!heads.isEmpty()) {
            ShardReader r = heads.poll();
            w.write(r.head.line());
            w.write('\n');
            if (r.advance(order)) {
              heads.add(r);
            }
          }
        }
      } finally {
        for (ShardReader r : readers) {
          r.close();
        }
      }
      FileSystems.rename(List.of(temp), List.of(target), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
      FileSystems.delete(shards, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    }
  }

  /** Reads the length-prefixed records of one shard file; {@link #head} is the current line. */
  private static final class ShardReader implements AutoCloseable {
    final int index;
    private final DataInputStream in;
    CsvLineOrder.Keyed head;

    ShardReader(int index, InputStream in) {
      this.index = index;
      this.in = new DataInputStream(new BufferedInputStream(in, 1 << 16));
    }

    /** Reads the next line into {@link #head}; false at the end of the shard. */
    boolean advance(CsvLineOrder order) throws IOException {
      int len;
      try {
        len = in.readInt();
      } catch (EOFException end) {
        head = null;
        return false;
      }
      byte[] bytes = new byte[len];
      in.readFully(bytes);
      head = order.key(new String(bytes, StandardCharsets.UTF_8));
      return true;
    }

    @Override
    public void close() {
      try {
        in.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static ResourceId sibling(ResourceId target, String name) {
    return target.getCurrentDirectory().resolve(name, StandardResolveOptions.RESOLVE_FILE);
  }
}
