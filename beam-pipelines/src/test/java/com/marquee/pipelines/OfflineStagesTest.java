package com.marquee.pipelines;

import static com.marquee.pipelines.TestOptions.lines;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.marquee.common.config.DataConfig;
import com.marquee.common.config.MovieLensFormat;
import com.marquee.common.config.WeightScheme;
import com.marquee.common.domain.Interaction;
import com.marquee.common.movielens.Reject;
import com.marquee.pipelines.features.ItemFeatures;
import com.marquee.pipelines.features.PopularityRow;
import com.marquee.pipelines.io.StagePaths;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * preprocess -> split -> features through {@link OfflineStages#runAll}, checking the files written:
 * tiny ml-100k and ml-1m fixtures (ISO-8859-1, src/test/resources) line by line, and the bundled
 * ml-latest-small for counts.
 */
class OfflineStagesTest {
  static final double HALF_LIFE = 180 * 86_400.0;

  @TempDir Path workdir;

  static DataConfig config(String inputDir, DataConfig.Filter filter, DataConfig.Split split) {
    return new DataConfig(
        new DataConfig.Input(inputDir, MovieLensFormat.AUTO),
        new DataConfig.Output("data/processed", "data/features"),
        new DataConfig.Implicit(4.0, WeightScheme.BINARY),
        filter,
        split,
        new DataConfig.Popularity(180));
  }

  static String resource(String name) throws URISyntaxException {
    return Path.of(OfflineStagesTest.class.getResource("/" + name).toURI()).toString();
  }

  /** Trending score of interactions {@code ages} seconds older than t_max, summed oldest first. */
  static String trending(long... agesOldestFirst) {
    double sum = 0;
    for (long age : agesOldestFirst) {
      sum += Math.pow(0.5, age / HALF_LIFE);
    }
    return Double.toString(sum);
  }

  @Test
  void ml100k() throws Exception {
    DataConfig cfg =
        config(resource("ml-100k"), new DataConfig.Filter(1, 1), new DataConfig.Split(0.5, 0.25, 0.25));
    StagePaths paths = StagePaths.of(cfg, workdir);
    OfflineStages.runAll(cfg, workdir, TestOptions.fast());

    assertThat(
        lines(paths.interactions()),
        contains(
            Interaction.CSV_HEADER,
            "1,1,5.0,1.0,881250949",
            "1,2,4.0,1.0,881250950",
            "2,1,4.0,1.0,881250951",
            "3,4,5.0,1.0,881250953"));
    assertThat(
        lines(paths.rejects()),
        contains(
            Reject.CSV_HEADER,
            "u.data,7,movie_id 9 not in u.item,1\t9\t5\t881250955",
            "u.data,8,\"expected 4 fields, got 3\",2\t1\t4",
            "u.item,5,genre flag '2' in field 7 is not 0 or 1,"
                + "5|Bad Flags (1995)|01-Jan-1995||http://us.imdb.com/|0|2|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0"));
    // n = 4, 0.5/0.25/0.25: t1 = s[2] = ...951, t2 = s[3] = ...953
    assertThat(lines(paths.train()), contains(Interaction.CSV_HEADER, "1,1,5.0,1.0,881250949", "1,2,4.0,1.0,881250950"));
    assertThat(lines(paths.val()), contains(Interaction.CSV_HEADER, "2,1,4.0,1.0,881250951"));
    assertThat(lines(paths.test()), contains(Interaction.CSV_HEADER, "3,4,5.0,1.0,881250953"));
    // u.item's genre flags; "unknown" (flag 0) is no genre; ISO-8859-1 'é' comes out as UTF-8.
    assertThat(
        lines(paths.itemFeatures()),
        contains(
            ItemFeatures.CSV_HEADER,
            "1,Toy Story,1995,Animation|Children's|Comedy",
            "2,Caf\u00e9 Society,1995,Drama",
            "3,unknown,,",
            "4,Heat,1995,Action|Crime|Thriller"));
    assertThat(
        lines(paths.popularity()),
        contains(
            PopularityRow.CSV_HEADER,
            "1,2,1.0," + trending(4, 2) + ",Animation:1|Children's:1|Comedy:1",
            "2,1,0.5," + trending(3) + ",Drama:1",
            "4,1,0.5,1.0,Action:1|Crime:1|Thriller:1"));
  }

  @Test
  void ml1m() throws Exception {
    DataConfig cfg =
        config(resource("ml-1m"), new DataConfig.Filter(1, 1), new DataConfig.Split(0.5, 0.25, 0.25));
    StagePaths paths = StagePaths.of(cfg, workdir);
    OfflineStages.runAll(cfg, workdir, TestOptions.fast());

    assertThat(
        lines(paths.interactions()),
        contains(
            Interaction.CSV_HEADER,
            "1,1,5.0,1.0,978300760",
            "2,2,4.0,1.0,978300762",
            "2,3,4.0,1.0,978300763",
            "3,3,5.0,1.0,978300764"));
    assertThat(
        lines(paths.rejects()),
        contains(
            Reject.CSV_HEADER,
            "movies.dat,4,\"expected 3 fields, got 2\",4::Broken Row (1995)",
            "ratings.dat,6,\"rating 0 outside [0.5, 5]\",3::1::0::978300765"));
    assertThat(lines(paths.train()), contains(Interaction.CSV_HEADER, "1,1,5.0,1.0,978300760", "2,2,4.0,1.0,978300762"));
    assertThat(lines(paths.val()), contains(Interaction.CSV_HEADER, "2,3,4.0,1.0,978300763"));
    assertThat(lines(paths.test()), contains(Interaction.CSV_HEADER, "3,3,5.0,1.0,978300764"));
    assertThat(
        lines(paths.itemFeatures()),
        contains(
            ItemFeatures.CSV_HEADER,
            "1,Toy Story,1995,Animation|Children's|Comedy",
            "2,\"Mis\u00e9rables, Les\",1995,Drama|Musical",
            "3,Heat,1995,Action|Crime|Thriller"));
    assertThat(
        lines(paths.popularity()),
        contains(
            PopularityRow.CSV_HEADER,
            "1,1,0.5," + trending(4) + ",Animation:1|Children's:1|Comedy:1",
            "2,1,0.5," + trending(2) + ",Drama:1|Musical:1",
            "3,2,1.0," + trending(1, 0) + ",Action:1|Crime:1|Thriller:1"));
  }

  /**
   * The bundled ml-latest-small (100,836 ratings, 9,742 movies) with the default data.yaml values.
   * Expected counts were cross-checked with an independent Python computation of the same rules.
   */
  @Test
  void mlLatestSmallEndToEnd() {
    DataConfig cfg =
        config("../data/raw/ml-latest-small", new DataConfig.Filter(5, 2), new DataConfig.Split(0.8, 0.1, 0.1));
    StagePaths paths = StagePaths.of(cfg, workdir);
    OfflineStages.runAll(cfg, workdir, TestOptions.fast());

    // 48,580 ratings >= 4.0; the item pass (>= 2) and the user pass (>= 5) leave 45,982 interactions
    // of 602 users on 3,722 movies.
    List<String> interactions = lines(paths.interactions());
    assertThat(interactions.get(0), equalTo(Interaction.CSV_HEADER));
    assertThat(interactions.size() - 1, equalTo(45_982));
    // No rejects: every row has 4 fields, numeric ids, ratings in 0.5..5, positive timestamps, a movie
    // listed in movies.csv; no movie id is listed twice (duplicate (user, movie) pairs: none either).
    assertThat(lines(paths.rejects()), contains(Reject.CSV_HEADER));

    // round(0.8 * 45,982) = 36,786 and round(0.9 * 45,982) = 41,384: no tie straddles either cut.
    List<String> train = lines(paths.train());
    List<String> val = lines(paths.val());
    List<String> test = lines(paths.test());
    for (List<String> part : List.of(train, val, test)) {
      assertThat(part.get(0), equalTo(Interaction.CSV_HEADER));
    }
    assertThat(List.of(train.size() - 1, val.size() - 1, test.size() - 1), equalTo(List.of(36_786, 4_598, 4_598)));
    assertThat(train.size() + val.size() + test.size() - 3, equalTo(interactions.size() - 1));
    long lastTrain = train.stream().skip(1).mapToLong(l -> Interaction.parseCsv(l).timestamp()).max().orElseThrow();
    long firstVal = val.stream().skip(1).mapToLong(l -> Interaction.parseCsv(l).timestamp()).min().orElseThrow();
    long lastVal = val.stream().skip(1).mapToLong(l -> Interaction.parseCsv(l).timestamp()).max().orElseThrow();
    long firstTest = test.stream().skip(1).mapToLong(l -> Interaction.parseCsv(l).timestamp()).min().orElseThrow();
    assertThat(lastTrain < firstVal && lastVal < firstTest, equalTo(true));

    List<String> items = lines(paths.itemFeatures());
    assertThat(items.get(0), equalTo(ItemFeatures.CSV_HEADER));
    assertThat(items.size() - 1, equalTo(9_742));
    assertThat(items.get(1), equalTo("1,Toy Story,1995,Adventure|Animation|Children|Comedy|Fantasy"));

    List<String> popularity = lines(paths.popularity());
    assertThat(popularity.get(0), equalTo(PopularityRow.CSV_HEADER));
    assertThat(popularity.size() - 1, equalTo(3_722));
    long countSum = popularity.stream().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[1])).sum();
    assertThat(countSum, equalTo(45_982L));
    assertThat(popularity.stream().skip(1).filter(l -> l.split(",")[2].equals("1.0")).count(), equalTo(1L));
  }
}
