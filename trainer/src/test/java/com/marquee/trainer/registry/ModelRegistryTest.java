package com.marquee.trainer.registry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {

  @TempDir Path dir;

  @Test
  void commitsImmutableVersionsAndSwapsProductionLink() throws Exception {
    ModelRegistry reg = new ModelRegistry(dir.resolve("registry"), dir.resolve("production"));
    assertThat(reg.productionVersion().isPresent(), is(false));
    for (String v : new String[] {"v1", "v2"}) {
      Path s = reg.newStagingDir();
      Files.writeString(s.resolve("x.txt"), v);
      reg.commit(s, v);
    }
    Path again = reg.newStagingDir();
    assertThrows(java.io.IOException.class, () -> reg.commit(again, "v1"));
    reg.promote("v1");
    assertThat(reg.productionVersion().get(), is("v1"));
    reg.promote("v2");
    assertThat(Files.isSymbolicLink(dir.resolve("production")), is(true));
    assertThat(Files.readString(dir.resolve("production/x.txt")), is("v2"));
    assertThat(reg.versions(), is(java.util.List.of("v1", "v2")));
    assertThrows(java.io.IOException.class, () -> reg.promote("v9"));
  }

  @Test
  void promotionPolicy() {
    PromotionPolicy p = new PromotionPolicy(0.01);
    assertThat(p.shouldPromote(0.1, null), is(true));
    assertThat(p.shouldPromote(0.101, 0.1), is(true));
    assertThat(p.shouldPromote(0.1009, 0.1), is(false));
    assertThat(p.shouldPromote(0.09, 0.1), is(false));
    assertThat(p.shouldPromote(Double.NaN, 0.1), is(false));
  }
}
