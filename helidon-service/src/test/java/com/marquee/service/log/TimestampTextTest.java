package com.marquee.service.log;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The cached timestamp text against the formatter it replaces. */
class TimestampTextTest {

  @Test
  void knownValues() {
    TimestampText t = new TimestampText();
    assertThat(t.format(Instant.parse("2026-01-02T03:04:05.678Z")), is("2026-01-02T03:04:05.678Z"));
    assertThat(t.format(Instant.parse("2026-01-02T03:04:05.007Z")), is("2026-01-02T03:04:05.007Z"));
    assertThat(t.format(Instant.parse("2026-01-02T03:04:05.07Z")), is("2026-01-02T03:04:05.070Z"));
    assertThat(t.format(Instant.parse("2026-01-02T03:04:05Z")), is("2026-01-02T03:04:05.000Z"));
    // truncated to milliseconds, like the formatter's SSS
    assertThat(t.format(Instant.parse("2026-01-02T03:04:05.999999999Z")), is("2026-01-02T03:04:05.999Z"));
    assertThat(t.format(Instant.parse("2026-12-31T23:59:59.999Z")), is("2026-12-31T23:59:59.999Z"));
    assertThat(t.format(Instant.parse("2027-01-01T00:00:00.001Z")), is("2027-01-01T00:00:00.001Z"));
  }

  @Test
  void sameTextAsTheFormatterOverManyInstantsInAndAcrossSeconds() {
    TimestampText t = new TimestampText();
    SplittableRandom random = new SplittableRandom(42);
    long nanos = Instant.parse("2026-11-22T21:59:58Z").getEpochSecond() * 1_000_000_000L;
    for (int i = 0; i < 200_000; i++) {
      nanos += random.nextLong(0, 3_000_000); // 0-3 ms apart: most rows share their second
      if (i % 50_000 == 0) {
        nanos += random.nextLong(0, 400L * 86_400 * 1_000_000_000L); // jumps of up to 400 days
      }
      Instant at = Instant.ofEpochSecond(0, nanos);
      assertThat(t.format(at), is(RequestLogSchema.TIMESTAMP.format(at)));
    }
  }
}
