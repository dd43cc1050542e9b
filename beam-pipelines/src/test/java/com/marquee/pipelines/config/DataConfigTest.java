package com.marquee.pipelines.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.marquee.common.config.ConfigException;
import com.marquee.common.config.ConfigLoader;
import com.marquee.common.config.DataConfig;
import com.marquee.common.config.MovieLensFormat;
import com.marquee.common.config.WeightScheme;
import com.marquee.pipelines.TestOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataConfigTest {
  /** The real config file of the repository (surefire runs in the module directory). */
  static final Path DATA_YAML = Path.of("../configs/data.yaml");

  @TempDir Path tmp;

  @Test
  void bundledConfigLoadsWithDocumentedDefaults() {
    DataConfig cfg = ConfigLoader.load(DATA_YAML, DataConfig.class, Map.of(), Map.of());
    assertThat(cfg.input(), equalTo(new DataConfig.Input("data/raw/ml-latest-small", MovieLensFormat.AUTO)));
    assertThat(cfg.output(), equalTo(new DataConfig.Output("data/processed", "data/features")));
    assertThat(cfg.implicit(), equalTo(new DataConfig.Implicit(4.0, WeightScheme.BINARY)));
    assertThat(cfg.filter(), equalTo(new DataConfig.Filter(5, 2)));
    assertThat(cfg.split(), equalTo(new DataConfig.Split(0.8, 0.1, 0.1)));
    assertThat(cfg.popularity().trendingHalfLifeDays(), equalTo(180.0));
    assertThat(cfg.popularity().halfLifeSeconds(), equalTo(180.0 * 86_400));
  }

  @Test
  void environmentAndOverridesApply() {
    DataConfig cfg =
        ConfigLoader.load(
            DATA_YAML,
            DataConfig.class,
            Map.of("MARQUEE_IMPLICIT_WEIGHT", "rating", "MARQUEE_INPUT_FORMAT", "ml-100k"),
            Map.of("filter.min_user_interactions", "1"));
    assertThat(cfg.implicit().weight(), equalTo(WeightScheme.RATING));
    assertThat(cfg.input().format(), equalTo(MovieLensFormat.ML_100K));
    assertThat(cfg.filter().minUserInteractions(), equalTo(1));
    assertThat(cfg.withInputDir("/x").input().dir(), equalTo("/x"));
  }

  @Test
  void splitMustSumToOne() throws IOException {
    ConfigException e = assertThrows(ConfigException.class, () -> load(variant("test: 0.1", "test: 0.2")));
    assertThat(e.getMessage(), containsString("split.train + split.val + split.test must be 1.0"));
  }

  @Test
  void invalidValuesNameTheirKey() throws IOException {
    assertThat(
        assertThrows(ConfigException.class, () -> load(variant("format: auto", "format: ml-20m"))).getMessage(),
        containsString("input.format must be one of auto|ml-latest|ml-100k|ml-1m"));
    assertThat(
        assertThrows(ConfigException.class, () -> load(variant("weight: binary", "weight: log"))).getMessage(),
        containsString("implicit.weight"));
    assertThat(
        assertThrows(ConfigException.class, () -> load(variant("min_rating: 4.0", "min_rating: 6"))).getMessage(),
        containsString("implicit.min_rating must be in [0, 5]"));
    assertThat(
        assertThrows(ConfigException.class, () -> load(variant("trending_half_life_days: 180", "trending_half_life_days: 0")))
            .getMessage(),
        containsString("popularity.trending_half_life_days"));
    assertThat(
        assertThrows(ConfigException.class, () -> load(variant("min_item_interactions: 2", "min_item_interactions: -1")))
            .getMessage(),
        containsString("filter.min_item_interactions"));
  }

  @Test
  void unknownAndMissingKeysFail() throws IOException {
    assertThat(
        assertThrows(ConfigException.class, () -> load(variant("  train: 0.8", "  train: 0.8\n  shuffle: true")))
            .getMessage(),
        containsString("unknown key 'split.shuffle'"));
    assertThrows(ConfigException.class, () -> load(variant("  val: 0.1\n", "")));
  }

  private Path variant(String from, String to) throws IOException {
    String text = Files.readString(DATA_YAML);
    if (!text.contains(from)) {
      throw new IllegalStateException("data.yaml has no '" + from + "'");
    }
    return TestOptions.write(tmp.resolve("data.yaml"), text.replace(from, to));
  }

  private static DataConfig load(Path file) {
    return ConfigLoader.load(file, DataConfig.class, Map.of(), Map.of());
  }
}
