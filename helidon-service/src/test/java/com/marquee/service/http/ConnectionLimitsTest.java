package com.marquee.service.http;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {

  @Test
  void automaticCapLeavesDescriptorsForTheRestOfTheProcess() {
    assertThat(ConnectionLimits.automaticMaxConnections(1024), is(768));
    assertThat(ConnectionLimits.automaticMaxConnections(20_000), is(17_500));
    assertThat(ConnectionLimits.automaticMaxConnections(1_048_576), is(917_504));
    assertThat(ConnectionLimits.automaticMaxConnections(100), is(16));
    assertThat(ConnectionLimits.automaticMaxConnections(-1), is(10_000));
  }

  @Test
  void explicitCapWinsAndAbsentKeysTakeDefaults() {
    assertThat(new ConnectionLimits(50, null, null, null).effectiveMaxConnections(1024), is(50));
    ConnectionLimits d = new ConnectionLimits(null, null, null, null);
    assertThat(d.effectiveMaxConnections(1024), is(768));
    assertThat(d.headerTimeoutMs(), is(ConnectionLimits.DEFAULT_HEADER_TIMEOUT_MS));
    assertThat(d.idleTimeoutMs(), is(ConnectionLimits.DEFAULT_IDLE_TIMEOUT_MS));
  }

  @Test
  void invalidValuesNameTheirKey() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> new ConnectionLimits(-1, null, null, null))
        .getMessage(), containsString("connections.max_connections"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> new ConnectionLimits(0, 10L, null, null))
        .getMessage(), containsString("connections.header_timeout_ms"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> new ConnectionLimits(0, null, 10L, null))
        .getMessage(), containsString("connections.idle_timeout_ms"));
  }
}
