package com.marquee.service.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.marquee.common.artifact.Json;
import com.marquee.common.domain.CatalogItem;
import com.marquee.service.catalog.CatalogChange;
import com.marquee.service.catalog.CatalogState;
import com.marquee.service.log.FeedbackStore;
import com.marquee.service.log.JdbcExecutor;
import com.marquee.service.model.ModelHolder;
import com.marquee.service.model.ModelSnapshot;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Catalog updates without retraining: the changes of {@code PUT} and {@code DELETE
 * /admin/items/{movie_id}}, stored durably in the {@code catalog_changes} table ({@link
 * FeedbackStore#insertCatalogChange}, committed before the change is applied or answered), folded into
 * a {@link CatalogState} and applied over every model the server serves ({@link #serve}, the view of
 * each {@link ModelHolder}: production and A/B variants). At start-up every stored change is read
 * again ({@link #open}), so changes survive a restart; a reload applies them over the new model (a
 * movie the new model has from training keeps its trained vector and takes the stored title, year and
 * genres).
 *
 * <p><b>Item refinement</b> ({@link #positive}): a positive {@code /feedback} event on a cold item (a
 * movie added here, or one of the model's {@code cold_start_items.json}) adds the user to the item's
 * likers and solves the item's vector by fold-in over them ({@link ModelSnapshot#foldInItem}: the
 * item-side analogue of the user fold-in of {@link RealtimeUsers}, the iALS row solver with the user
 * factors and the user Gramian, weight 1 per liker). Only users the model was trained on count (their
 * trained vectors). Like the user overlay, refinements belong to one trained model: a reload starts
 * without them (the stored feedback reaches the next model through retraining). Bounds: at most
 * {@code maxItems} refined items ({@code limits.max_catalog_items}, the same cap as appended movies) and
 * {@link #MAX_LIKERS_PER_ITEM} likers per item; events beyond them are stored but not applied.
 *
 * <p>Cost: every applied change builds a new served snapshot from the trained one (O(items * f) copy
 * plus O(changes * f^2); see {@link ModelSnapshot#withCatalog}); changes are serialized by one lock.
 */
public final class CatalogUpdates {

  /** Most users one refined item is folded in over. */
  public static final int MAX_LIKERS_PER_ITEM = 1000;

  private static final System.Logger LOG = System.getLogger(CatalogUpdates.class.getName());

  /**
   * A stored and applied change.
   *
   * @param change the stored row
   * @param existed whether the movie was in the served catalog (or a stored PUT) before the change
   */
  public record Applied(CatalogChange change, boolean existed) {}

  /** The refinements of one trained model (immutable maps, swapped whole). */
  private record Refinements(ModelSnapshot trained, Map<Long, int[]> likers, Map<Long, float[]> vectors) {}

  private final FeedbackStore store;
  private final JdbcExecutor jdbc;
  private final int maxItems;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<ModelHolder> holders = new CopyOnWriteArrayList<>();
  private volatile CatalogState state;
  private volatile Refinements refinements = new Refinements(null, Map.of(), Map.of());

  private CatalogUpdates(FeedbackStore store, JdbcExecutor jdbc, int maxItems, CatalogState state) {
    if (maxItems < 0) {
      throw new IllegalArgumentException("maxItems must be >= 0, got " + maxItems);
    }
    this.store = store;
    this.jdbc = jdbc;
    this.maxItems = maxItems;
    this.state = state;
  }

  /**
   * Reads every stored change (in {@code change_id} order) into the starting state. A stored row that
   * cannot be read (a payload that is not the JSON this class writes) is skipped with a warning.
   *
   * @param maxItems {@code limits.max_catalog_items}: most movies appended to a model, most refined items
   * @throws IOException if the table cannot be read
   */
  public static CatalogUpdates open(FeedbackStore store, JdbcExecutor jdbc, int maxItems) throws IOException {
    List<CatalogChange> changes = new ArrayList<>();
    try {
      for (FeedbackStore.CatalogRow row : store.catalogChanges()) {
        try {
          changes.add(change(row));
        } catch (IOException | IllegalArgumentException e) {
          LOG.log(System.Logger.Level.WARNING, "catalog change " + row.changeId() + " skipped: " + e.getMessage());
        }
      }
    } catch (SQLException e) {
      throw new IOException("cannot read catalog_changes: " + e.getMessage(), e);
    }
    CatalogState s = CatalogState.of(changes);
    if (!changes.isEmpty()) {
      LOG.log(System.Logger.Level.INFO, "catalog: {0} stored changes ({1} movies put, {2} hidden)", changes.size(),
          s.items().size(), s.hidden().size());
    }
    return new CatalogUpdates(store, jdbc, maxItems, s);
  }

  private static CatalogChange change(FeedbackStore.CatalogRow row) throws IOException {
    CatalogChange.Action action = CatalogChange.Action.ofColumn(row.action());
    CatalogItem item = action == CatalogChange.Action.PUT ? fromJson(row.payload()) : null;
    return new CatalogChange(row.changeId(), row.movieId(), action, item, row.timestamp());
  }

  /** The JSON stored in {@code catalog_changes.payload}: {@code {"title", "year", "genres", "tags"}}, compact. */
  public static String toJson(CatalogItem item) {
    try {
      return Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(item);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @throws IOException if {@code json} is not what {@link #toJson} writes */
  public static CatalogItem fromJson(String json) throws IOException {
    if (json == null) {
      throw new IOException("a put without payload");
    }
    CatalogItem item = Json.MAPPER.readValue(json, CatalogItem.class);
    if (item == null) {
      throw new IOException("a put with payload null");
    }
    return item;
  }

  /** Serves {@code holder}'s models with the catalog changes applied; {@link #serve} must be its view. */
  public void attach(ModelHolder holder) {
    holders.add(holder);
  }

  /** The changes applied so far. */
  public CatalogState state() {
    return state;
  }

  /** {@code limits.max_catalog_items}. */
  public int maxItems() {
    return maxItems;
  }

  /**
   * The view of the holders ({@link ModelHolder}'s {@code view}): {@code trained} with the catalog
   * changes and, when it is the model the refinements were made on, the refined item vectors applied.
   */
  public ModelSnapshot serve(ModelSnapshot trained) {
    Refinements r = refinements;
    return trained.withCatalog(state, r.trained() == trained ? r.vectors() : Map.of(), maxItems);
  }

  /**
   * Stores a PUT (committed before it returns), then serves it.
   *
   * @throws Exception what {@link JdbcExecutor#call} throws for the insert (nothing is applied then)
   */
  public Applied put(long movieId, CatalogItem item) throws Exception {
    return change(movieId, CatalogChange.Action.PUT, item);
  }

  /**
   * Stores a DELETE (committed before it returns), then serves it.
   *
   * @throws Exception what {@link JdbcExecutor#call} throws for the insert (nothing is applied then)
   */
  public Applied delete(long movieId) throws Exception {
    return change(movieId, CatalogChange.Action.DELETE, null);
  }

  /** Whether {@code movieId} is in {@code served}'s catalog (hidden or not) or has a stored PUT. */
  public boolean knows(ModelSnapshot served, long movieId) {
    return state.items().containsKey(movieId) || (served != null && served.artifacts().catalog().get(movieId) != null);
  }

  private Applied change(long movieId, CatalogChange.Action action, CatalogItem item) throws Exception {
    String payload = item == null ? null : toJson(item);
    lock.lock();
    try {
      boolean existed = knows(holders.isEmpty() ? null : holders.get(0).current().orElse(null), movieId);
      FeedbackStore.CatalogRow row = jdbc.call(() -> store.insertCatalogChange(movieId, action.column(), payload));
      CatalogChange change = new CatalogChange(row.changeId(), movieId, action, item, row.timestamp());
      state = state.apply(change);
      refreshAll();
      return new Applied(change, existed);
    } finally {
      lock.unlock();
    }
  }

  private void refreshAll() {
    for (ModelHolder h : holders) {
      try {
        h.refresh();
      } catch (RuntimeException e) {
        // stored: applied at the next load or change; the holder keeps serving its previous snapshot
        LOG.log(System.Logger.Level.WARNING, "catalog change not applied to " + h.modelsDir() + ": " + e);
      }
    }
  }

  /**
   * Applies a positive feedback event of {@code userId} on {@code movieId} to the item refinements (see
   * the class comment) and serves the refined vector from the first holder ({@code models.dir}).
   *
   * @param model the production snapshot the event was accepted with
   * @return true when the item's vector changed
   */
  public boolean positive(ModelSnapshot model, long userId, long movieId) {
    int itemRow = model.artifacts().items().rowOf(movieId);
    int userRow = model.artifacts().users().rowOf(userId);
    if (itemRow < 0 || userRow < 0 || !model.isColdRow(itemRow) || holders.isEmpty()) {
      return false;
    }
    lock.lock();
    try {
      ModelSnapshot trained = model.trained();
      Refinements r = refinements.trained() == trained ? refinements : new Refinements(trained, Map.of(), Map.of());
      int[] prev = r.likers().getOrDefault(movieId, new int[0]);
      if (Arrays.stream(prev).anyMatch(u -> u == userRow) || prev.length >= MAX_LIKERS_PER_ITEM
          || (prev.length == 0 && r.likers().size() >= maxItems)) {
        return false;
      }
      int[] likers = Arrays.copyOf(prev, prev.length + 1);
      likers[prev.length] = userRow;
      float[] weights = new float[likers.length];
      Arrays.fill(weights, 1f);
      float[] vector = model.foldInItem(likers, weights);
      Map<Long, int[]> nextLikers = new HashMap<>(r.likers());
      nextLikers.put(movieId, likers);
      Map<Long, float[]> nextVectors = new HashMap<>(r.vectors());
      nextVectors.put(movieId, vector);
      refinements = new Refinements(trained, Map.copyOf(nextLikers), Map.copyOf(nextVectors));
      ModelHolder production = holders.get(0);
      try {
        production.refresh();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "refined vector of movie " + movieId + " not applied: " + e);
        return false;
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** The users (model rows) a cold item's vector was refined over, for {@code trained}; empty when none. */
  public int[] likers(ModelSnapshot trained, long movieId) {
    Refinements r = refinements;
    return r.trained() == trained.trained() ? r.likers().getOrDefault(movieId, new int[0]).clone() : new int[0];
  }
}
