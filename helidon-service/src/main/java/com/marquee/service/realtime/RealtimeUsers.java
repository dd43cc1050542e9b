package com.marquee.service.realtime;

import com.marquee.common.artifact.ModelArtifacts;
import com.marquee.common.artifact.UserItems;
import com.marquee.service.model.ModelHolder;
import com.marquee.service.model.ModelSnapshot;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Real-time user updates: an in-memory overlay of user vectors refreshed by fold-in after each
 * positive {@code POST /feedback} event, and of the movies a user rejected by a negative event, so
 * the user's next {@code /recommend} reflects both without retraining.
 *
 * <p>For a user, the overlay keeps the item rows of the positive events received since the model was
 * loaded ({@link UserState#newRows}) and the vector solved by {@link ModelSnapshot#foldIn} over the
 * user's training items ({@code user_items.bin} of the snapshot, with their training weights) plus
 * those new rows (weight 1). A user the model does not know becomes known this way. Events for movies
 * the model does not know change nothing here (they are still stored for retraining).
 *
 * <p>A negative event ({@code skip}, or a rating below the positive threshold) puts the movie's row
 * into {@link UserState#negativeRows}, which {@code /recommend} removes from the user's answers
 * whatever {@code exclude_seen} says; when the movie was one of the positive rows since the load, it
 * leaves them and the vector is solved again without it (a training item stays in the vector until
 * the next retraining, which sees the negative event as the latest for the pair). A later positive
 * event for the movie takes it out of the negative rows again: the latest event wins, as in
 * retraining.
 *
 * <p>The overlay belongs to one trained model ({@link ModelSnapshot#trained()}: catalog changes, which
 * serve a new snapshot of the same model with rows only appended, keep it): it is registered as a {@link
 * ModelHolder.Listener} and starts empty at every load (the next model is trained on the stored feedback); lookups with
 * another snapshot (e.g. an A/B variant's model) find nothing. Events are applied to the production
 * snapshot ({@code models.dir}) only.
 *
 * <p>Bounds: at most {@code maxUsers} users (a simple cap, {@code limits.max_realtime_users}: once
 * full, events of users not yet in the overlay are not applied until the next reload; concurrent
 * inserts may pass the cap by at most the number of request threads), and at most {@link
 * #MAX_NEW_ITEMS_PER_USER} new items per user (later ones are not applied). {@code maxUsers == 0}
 * disables real-time updates. Thread-safe: a {@link ConcurrentHashMap} whose per-user update
 * ({@code compute}) is atomic; states are immutable.
 */
public final class RealtimeUsers implements ModelHolder.Listener {

  /** Most new positive items kept per user. */
  public static final int MAX_NEW_ITEMS_PER_USER = 1000;

  private static final System.Logger LOG = System.getLogger(RealtimeUsers.class.getName());

  /**
   * One user's overlay entry. Immutable.
   *
   * @param newRows item rows of positive events since the model was loaded, in arrival order, distinct
   *     and not among the user's training items
   * @param vector the folded-in user vector, {@code float[f]}; {@code null} when there are no new
   *     positive rows (the trained vector, if any, stands)
   * @param negativeRows item rows of negative events since the model was loaded, in arrival order,
   *     distinct, none of them in {@code newRows}
   */
  public record UserState(int[] newRows, float[] vector, int[] negativeRows) {

    /** An entry with positive rows only. */
    public UserState(int[] newRows, float[] vector) {
      this(newRows, vector, new int[0]);
    }
  }

  private record Overlay(ModelSnapshot model, ConcurrentHashMap<Long, UserState> users) {}

  private final int maxUsers;
  private final AtomicReference<Overlay> current = new AtomicReference<>();

  /** @param maxUsers most users held, >= 0 (0 disables updates) */
  public RealtimeUsers(int maxUsers) {
    if (maxUsers < 0) {
      throw new IllegalArgumentException("maxUsers must be >= 0, got " + maxUsers);
    }
    this.maxUsers = maxUsers;
  }

  @Override
  public void swapped(ModelSnapshot previous, ModelSnapshot next) {
    current.set(new Overlay(next.trained(), new ConcurrentHashMap<>()));
  }

  /** The user's overlay entry for {@code model}, or {@code null}. */
  public UserState state(ModelSnapshot model, long userId) {
    Overlay o = current.get();
    return o == null || o.model() != model.trained() ? null : o.users().get(userId);
  }

  /** Users currently in the overlay of {@code model}. */
  public int size(ModelSnapshot model) {
    Overlay o = current.get();
    return o == null || o.model() != model.trained() ? 0 : o.users().size();
  }

  /**
   * Applies a positive event (watch, click, rating >= the positive threshold) of {@code userId} on
   * {@code movieId}.
   *
   * @param model the production snapshot the event is applied to
   * @return true when the user's overlay entry changed
   */
  public boolean positive(ModelSnapshot model, long userId, long movieId) {
    return apply(model, userId, movieId, true);
  }

  /**
   * Applies a negative event (skip, rating below the positive threshold) of {@code userId} on
   * {@code movieId}: the movie leaves the user's answers at once.
   *
   * @param model the production snapshot the event is applied to
   * @return true when the user's overlay entry changed
   */
  public boolean negative(ModelSnapshot model, long userId, long movieId) {
    return apply(model, userId, movieId, false);
  }

  private boolean apply(ModelSnapshot model, long userId, long movieId, boolean positive) {
    Overlay o = current.get();
    if (model == null || o == null || o.model() != model.trained() || maxUsers == 0) {
      return false;
    }
    int row = model.artifacts().items().rowOf(movieId);
    if (row < 0) {
      return false;
    }
    if (!o.users().containsKey(userId) && o.users().size() >= maxUsers) {
      LOG.log(System.Logger.Level.DEBUG, "real-time overlay full ({0} users): user {1} not updated", maxUsers, userId);
      return false;
    }
    boolean[] changed = {false};
    o.users().compute(userId, (id, old) -> {
      UserState next = positive ? withPositive(model, id, old, row) : withNegative(model, id, old, row);
      changed[0] = next != old;
      return next;
    });
    return changed[0];
  }

  private static UserState withNegative(ModelSnapshot model, long userId, UserState old, int row) {
    int[] negative = old == null ? new int[0] : old.negativeRows();
    if (contains(negative, row)) {
      return old;
    }
    if (negative.length >= MAX_NEW_ITEMS_PER_USER) {
      return old;
    }
    int[] nextNegative = append(negative, row);
    int[] prev = old == null ? new int[0] : old.newRows();
    if (!contains(prev, row)) {
      return new UserState(prev, old == null ? null : old.vector(), nextNegative);
    }
    int[] newRows = remove(prev, row);
    return new UserState(newRows, newRows.length == 0 ? null : foldIn(model, userId, newRows), nextNegative);
  }

  private static UserState withPositive(ModelSnapshot model, long userId, UserState old, int row) {
    int[] negative = old == null ? new int[0] : old.negativeRows();
    int[] nextNegative = contains(negative, row) ? remove(negative, row) : negative;
    int u = model.artifacts().users().rowOf(userId);
    int[] prev = old == null ? new int[0] : old.newRows();
    boolean known = (u >= 0 && model.artifacts().userItems().contains(u, row)) || contains(prev, row);
    if (known || prev.length >= MAX_NEW_ITEMS_PER_USER) {
      // the vector does not change (a training item, or already applied, or the per-user bound)
      return nextNegative == negative ? old : new UserState(prev, old.vector(), nextNegative);
    }
    int[] newRows = append(prev, row);
    return new UserState(newRows, foldIn(model, userId, newRows), nextNegative);
  }

  /** The user's vector solved over the training items (their weights) plus {@code newRows} (weight 1). */
  private static float[] foldIn(ModelSnapshot model, long userId, int[] newRows) {
    ModelArtifacts a = model.artifacts();
    int u = a.users().rowOf(userId);
    UserItems ui = a.userItems();
    int nTrain = u < 0 ? 0 : ui.end(u) - ui.start(u);
    int[] rows = new int[nTrain + newRows.length];
    float[] weights = new float[rows.length];
    if (nTrain > 0) {
      System.arraycopy(ui.indices(), ui.start(u), rows, 0, nTrain);
      System.arraycopy(ui.weights(), ui.start(u), weights, 0, nTrain);
    }
    System.arraycopy(newRows, 0, rows, nTrain, newRows.length);
    Arrays.fill(weights, nTrain, rows.length, 1f);
    return model.foldIn(rows, weights);
  }

  private static boolean contains(int[] rows, int row) {
    for (int r : rows) {
      if (r == row) {
        return true;
      }
    }
    return false;
  }

  private static int[] remove(int[] rows, int row) {
    return Arrays.stream(rows).filter(r -> r != row).toArray();
  }

  private static int[] append(int[] rows, int row) {
    int[] out = Arrays.copyOf(rows, rows.length + 1);
    out[rows.length] = row;
    return out;
  }
}
