package com.marquee.pipelines.io;

import com.marquee.common.domain.Interaction;
import com.marquee.common.movielens.InvalidInputException;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads an interactions file written by preprocess or split ({@code user_id,movie_id,rating,weight,
 * timestamp}, header line first) into {@link Interaction}s. The header line and blank lines are
 * skipped. A line that does not parse fails the pipeline with an {@link InvalidInputException}
 * naming the file: these files are machine-written, so a bad line means a corrupt file.
 */
public final class ReadInteractions extends PTransform<PBegin, PCollection<Interaction>> {
  private final String file;

  private ReadInteractions(String file) {
    this.file = file;
  }

  /** @param file path or URI of the CSV file */
  public static ReadInteractions from(String file) {
    return new ReadInteractions(file);
  }

  @Override
  public PCollection<Interaction> expand(PBegin begin) {
    return begin
        .apply("ReadLines", TextIO.read().from(file))
        .apply("Parse", ParDo.of(new ParseFn(file)))
        .setCoder(InteractionCoder.of());
  }

  private static final class ParseFn extends DoFn<String, Interaction> {
    private final String file;

    ParseFn(String file) {
      this.file = file;
    }

    @ProcessElement
    public void process(@Element String line, OutputReceiver<Interaction> out) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.equals(Interaction.CSV_HEADER)) {
        return;
      }
      try {
        out.output(Interaction.parseCsv(trimmed));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(file + ": not an interactions line: '" + line + "'", e);
      }
    }
  }
}
