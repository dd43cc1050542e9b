package com.marquee.service;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.marquee.common.config.ConfigException;
import com.marquee.service.config.ServingConfig;
import com.marquee.service.recommend.ScoreRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code rules} section of configs/serving.yaml and its conversion to {@link ScoreRules}. */
class RulesConfigTest {

  @TempDir Path tmp;

  @Test
  void theFileHasNoRulesAndThePoolDefault() {
    ServingConfig c = ServingConfig.load(ConfigAndMainTest.SERVING_YAML, Map.of(), Map.of(), Path.of("/base"));
    assertThat(c.rules().candidatePool(), is(1000));
    assertThat(MarqueeServer.scoreRules(c.rules()).isEmpty(), is(true));
  }

  @Test
  void rulesFromYamlAndEnvironment() throws Exception {
    Path f = tmp.resolve("serving.yaml");
    Files.writeString(f, Files.readString(ConfigAndMainTest.SERVING_YAML).replace("  adjustments: []\n",
        "  adjustments:\n    - {genres: [Documentary], multiply: 0.5}\n    - {movie_ids: [318], add: 0.2}\n"));
    ServingConfig c = ServingConfig.load(f, Map.of("MARQUEE_RULES_EXCLUDE_MOVIE_IDS", "1,2",
        "MARQUEE_RULES_EXCLUDE_GENRES", "Horror"), Map.of(), tmp);
    ScoreRules r = MarqueeServer.scoreRules(c.rules());
    assertThat(r.excludeMovieIds(), is(Set.of(1L, 2L)));
    assertThat(r.excludeGenres(), is(Set.of("horror")));
    assertThat(r.adjustments(), is(List.of(new ScoreRules.Adjustment(Set.of(), Set.of("documentary"), 0.5, 0.0),
        new ScoreRules.Adjustment(Set.of(318L), Set.of(), 1.0, 0.2))));
    // adjustments in order: a Documentary with id 318 scores 0.8 * 0.5 + 0.2
    assertThat(r.adjust(0.8, 318, new com.marquee.common.domain.Movie(318, "x", 1994, List.of("Documentary"))),
        is(0.8 * 0.5 + 0.2));
  }

  @Test
  void badValuesNameTheKey() throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> ServingConfig.load(ConfigAndMainTest.SERVING_YAML,
        Map.of("MARQUEE_RULES_CANDIDATE_POOL", "0"), Map.of(), tmp));
    assertThat(e.getMessage(), containsString("'rules.candidate_pool' must be in [1, 100000], got 0"));
    Path f = tmp.resolve("serving.yaml");
    String yaml = Files.readString(ConfigAndMainTest.SERVING_YAML);
    Files.writeString(f, yaml.replace("  adjustments: []\n", "  adjustments:\n    - {genres: [Drama], multiply: -2}\n"));
    e = assertThrows(ConfigException.class, () -> ServingConfig.load(f, Map.of(), Map.of(), tmp));
    assertThat(e.getMessage(), containsString("'rules.adjustments[0].multiply' must be a finite number >= 0, got -2.0"));
    Files.writeString(f, yaml.replace("  adjustments: []\n", "  adjustments:\n    - {add: 1}\n"));
    e = assertThrows(ConfigException.class, () -> ServingConfig.load(f, Map.of(), Map.of(), tmp));
    assertThat(e.getMessage(), containsString("'rules.adjustments[0]' needs movie_ids or genres"));
    Files.writeString(f, yaml.replace("  adjustments: []\n", "  adjustments:\n    - {genres: [Drama], boost: 2}\n"));
    e = assertThrows(ConfigException.class, () -> ServingConfig.load(f, Map.of(), Map.of(), tmp));
    assertThat(e.getMessage(), containsString("'rules.adjustments[].boost' is not a key of an adjustment"));
  }
}
