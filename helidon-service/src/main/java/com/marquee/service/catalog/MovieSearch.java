package com.marquee.service.catalog;

import com.marquee.common.artifact.PopularityRanking.PopularItem;
import com.marquee.common.domain.Movie;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Typo-tolerant title search over a model's catalog ({@code item_features.json}), with Apache
 * Lucene: an in-memory index built once per loaded model, searched by many request threads at once.
 *
 * <p><b>Analysis</b> (index and query alike): Lucene's {@link StandardTokenizer} (Unicode word
 * boundaries), lower-casing, {@link ASCIIFoldingFilter} (accents folded: {@code "amelie"} finds
 * {@code "Amélie"}). The title is indexed as stored in the catalog, e.g. {@code "Matrix, The"}.
 *
 * <p><b>Matching</b>: every query word is matched against the title words as the best of
 * <ul>
 *   <li>the same word (score {@value #EXACT}),
 *   <li>a word it is a prefix of (score {@value #PREFIX}; {@code "sta"} finds {@code "star"}),
 *   <li>a word within a small Damerau-Levenshtein distance (score {@value #FUZZY}): none for words
 *       of 1-2 letters, 1 edit for 3-5 letters, 2 edits from 6 letters on (Elasticsearch's
 *       {@code AUTO} fuzziness; {@code "matrx"} finds {@code "matrix"}).
 * </ul>
 * A title's match quality is the sum over the query words. Up to two query words must all match;
 * with more words, all but one must (so a word that is not in the title, like a year, does not
 * empty the result). Results are ordered by match quality, then by popularity rank (position in
 * {@code popularity.json}, movies without a rank last), then by movie id.
 *
 * <p><b>Filters</b>: genre (case-insensitive, {@link Genres#key}; an unknown genre
 * matches nothing), year range (inclusive; a bound excludes movies without a year, as in {@code
 * /recommend} filters).
 *
 * <p>Cost: building indexes ~10k titles in well under a second; a search is a few milliseconds.
 * The index lives on the heap ({@link ByteBuffersDirectory}) and is garbage-collected with its
 * snapshot (it holds no file handles).
 */
public final class MovieSearch {

  /** Score of a query word equal to a title word. */
  public static final float EXACT = 3;
  /** Score of a query word that is a prefix of a title word. */
  public static final float PREFIX = 2;
  /** Score of a query word within the edit distance of a title word. */
  public static final float FUZZY = 1;
  /** Most query words used (the rest are ignored). */
  public static final int MAX_WORDS = 8;

  private static final String TITLE = "title";
  private static final String GENRE = "genre";
  private static final String YEAR = "year";
  private static final String RANK = "rank";
  private static final String ID = "id";
  private static final String ENTRY = "entry";

  /**
   * One catalog movie as returned by a search.
   *
   * @param movie the catalog entry
   * @param popularityRank 1-based position in the overall popularity ranking, or {@code null}
   */
  public record Hit(Movie movie, Integer popularityRank) {}

  /**
   * A page of results.
   *
   * @param hits at most {@code limit} movies from {@code offset} on, best first
   * @param total how many movies match in all
   */
  public record Page(List<Hit> hits, long total) {}

  /**
   * A search request.
   *
   * @param text the words to search in titles; {@code null} or blank = every movie (then ordered
   *     by popularity rank)
   * @param genreKey {@link Genres#key} of the genre to keep, or {@code null}
   * @param yearMin inclusive lower bound, or {@code null}
   * @param yearMax inclusive upper bound, or {@code null}
   * @param limit page size, >= 1
   * @param offset results skipped, >= 0
   */
  public record Request(String text, String genreKey, Integer yearMin, Integer yearMax, int limit, int offset) {
    public Request {
      if (limit < 1 || offset < 0) {
        throw new IllegalArgumentException("limit must be >= 1 and offset >= 0");
      }
    }
  }

  private static final Analyzer ANALYZER = new Analyzer() {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      StandardTokenizer tokenizer = new StandardTokenizer();
      TokenStream folded = new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer));
      return new TokenStreamComponents(tokenizer, folded);
    }
  };

  private static final Sort ORDER = new Sort(SortField.FIELD_SCORE, new SortField(RANK, SortField.Type.LONG),
      new SortField(ID, SortField.Type.LONG));

  private final IndexSearcher searcher;
  private final List<Hit> entries;

  private MovieSearch(IndexSearcher searcher, List<Hit> entries) {
    this.searcher = searcher;
    this.entries = entries;
  }

  /**
   * Indexes {@code movies}.
   *
   * @param popularity the overall popularity ranking (best first) that gives each movie its rank
   */
  public static MovieSearch of(Collection<Movie> movies, List<PopularItem> popularity) {
    Map<Long, Integer> rank = new HashMap<>();
    for (PopularItem p : popularity) {
      rank.putIfAbsent(p.movieId(), rank.size() + 1);
    }
    List<Hit> entries = new ArrayList<>(movies.size());
    movies.stream().sorted(Comparator.comparingLong(Movie::movieId))
        .forEach(m -> entries.add(new Hit(m, rank.get(m.movieId()))));
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    try (IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(ANALYZER))) {
      for (int i = 0; i < entries.size(); i++) {
        writer.addDocument(document(i, entries.get(i)));
      }
      writer.commit();
      return new MovieSearch(new IndexSearcher(DirectoryReader.open(dir)), List.copyOf(entries));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the in-memory title index", e);
    }
  }

  private static Document document(int entry, Hit hit) {
    Movie m = hit.movie();
    Document d = new Document();
    d.add(new StoredField(ENTRY, entry));
    d.add(new TextField(TITLE, m.title() == null ? "" : m.title(), Field.Store.NO));
    for (String g : m.genres()) {
      d.add(new StringField(GENRE, Genres.key(g), Field.Store.NO));
    }
    if (m.year() != null) {
      d.add(new IntPoint(YEAR, m.year()));
    }
    d.add(new NumericDocValuesField(RANK, hit.popularityRank() == null ? Long.MAX_VALUE : hit.popularityRank()));
    d.add(new NumericDocValuesField(ID, m.movieId()));
    return d;
  }

  /** Number of indexed movies. */
  public int size() {
    return entries.size();
  }

  /** The movies matching {@code request}, best first (see the class comment). */
  public Page search(Request request) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    Query text = textQuery(request.text());
    b.add(text == null ? new MatchAllDocsQuery() : text, BooleanClause.Occur.MUST);
    if (request.genreKey() != null) {
      b.add(new TermQuery(new Term(GENRE, request.genreKey())), BooleanClause.Occur.FILTER);
    }
    if (request.yearMin() != null || request.yearMax() != null) {
      b.add(IntPoint.newRangeQuery(YEAR, request.yearMin() == null ? Integer.MIN_VALUE : request.yearMin(),
          request.yearMax() == null ? Integer.MAX_VALUE : request.yearMax()), BooleanClause.Occur.FILTER);
    }
    Query query = b.build();
    try {
      int total = searcher.count(query);
      int wanted = (int) Math.min((long) request.offset() + request.limit(), Integer.MAX_VALUE);
      TopDocs top = searcher.search(query, Math.max(1, Math.min(wanted, Math.max(total, 1))), ORDER, true);
      StoredFields stored = searcher.storedFields();
      List<Hit> hits = new ArrayList<>();
      ScoreDoc[] docs = top.scoreDocs;
      for (int i = request.offset(); i < docs.length && hits.size() < request.limit(); i++) {
        hits.add(entries.get(stored.document(docs[i].doc).getField(ENTRY).numericValue().intValue()));
      }
      return new Page(List.copyOf(hits), total);
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory title index failed", e);
    }
  }

  /** The per-word disjunctions of the class comment, or {@code null} when {@code text} has no word. */
  private static Query textQuery(String text) {
    List<String> words = words(text);
    if (words.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String w : words) {
      List<Query> alternatives = new ArrayList<>(3);
      alternatives.add(boosted(new TermQuery(new Term(TITLE, w)), EXACT));
      alternatives.add(boosted(new PrefixQuery(new Term(TITLE, w)), PREFIX));
      int edits = w.length() <= 2 ? 0 : w.length() <= 5 ? 1 : 2;
      if (edits > 0) {
        alternatives.add(boosted(new FuzzyQuery(new Term(TITLE, w), edits), FUZZY));
      }
      b.add(new DisjunctionMaxQuery(alternatives, 0f), BooleanClause.Occur.SHOULD);
    }
    b.setMinimumNumberShouldMatch(words.size() <= 2 ? words.size() : words.size() - 1);
    return b.build();
  }

  private static Query boosted(Query q, float score) {
    return new BoostQuery(new ConstantScoreQuery(q), score);
  }

  /** The analyzed words of {@code text} (at most {@link #MAX_WORDS}, duplicates kept once). */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    try (TokenStream ts = ANALYZER.tokenStream(TITLE, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken() && out.size() < MAX_WORDS) {
        String w = term.toString();
        if (!out.contains(w)) {
          out.add(w);
        }
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
