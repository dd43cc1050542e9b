package com.marquee.pipelines.requestlog;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Gathers a small {@code PCollection<T>} (report rows: one per group, not per request) on one worker
 * and hands the whole list to a {@link Writer}, once, also when the collection is empty. Files are
 * written with {@link #writeFile} (temporary name, then rename: a reader never sees half a report).
 */
public final class WriteReport<T> extends PTransform<PCollection<T>, PDone> {

  /** Writes the report files from all rows (in no particular order). */
  @FunctionalInterface
  public interface Writer<T> extends Serializable {
    void write(List<T> rows) throws IOException;
  }

  private final Writer<T> writer;

  private WriteReport(Writer<T> writer) {
    this.writer = writer;
  }

  public static <T> WriteReport<T> with(Writer<T> writer) {
    return new WriteReport<>(writer);
  }

  @Override
  public PDone expand(PCollection<T> rows) {
    KvCoder<Integer, T> coder = KvCoder.of(VarIntCoder.of(), NullableCoder.of(rows.getCoder()));
    PCollection<KV<Integer, T>> keyed =
        rows.apply("KeyAll", WithKeys.<Integer, T>of(0).withKeyType(TypeDescriptors.integers())).setCoder(coder);
    PCollection<KV<Integer, T>> marker =
        rows.getPipeline().apply("EmptyMarker", Create.of(KV.of(0, (T) null)).withCoder(coder));
    PCollectionList.of(keyed)
        .and(marker)
        .apply("WithMarker", Flatten.pCollections())
        .apply("OneGroup", GroupByKey.create())
        .apply("Write", ParDo.of(new WriteFn<>(writer)));
    return PDone.in(rows.getPipeline());
  }

  private static final class WriteFn<T> extends DoFn<KV<Integer, Iterable<T>>, Void> {
    private final Writer<T> writer;

    WriteFn(Writer<T> writer) {
      this.writer = writer;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<T>> group) throws IOException {
      List<T> rows = new ArrayList<>();
      for (T t : group.getValue()) {
        if (t != null) {
          rows.add(t);
        }
      }
      writer.write(rows);
    }
  }

  /** Writes {@code text} (UTF-8) to {@code file} (path or URI) via a temporary file and a rename. */
  public static void writeFile(String file, String text) throws IOException {
    ResourceId target = FileSystems.matchNewResource(file, false);
    ResourceId temp =
        target.getCurrentDirectory()
            .resolve("." + target.getFilename() + ".tmp-" + UUID.randomUUID(),
                ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
    try (OutputStream out = Channels.newOutputStream(FileSystems.create(temp, "text/plain"))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    FileSystems.rename(List.of(temp), List.of(target), MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
  }
}
