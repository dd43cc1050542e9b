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
 * positive {@code POST /feedback} event, so the user's next {@code /recommend} reflects it without
 * retraining.
 *
 * <p>For a user, the overlay keeps the item rows of the positive events received since the model was
 * loaded ({@link UserState#newRows}) and the vector solved by {@link ModelSnapshot#foldIn} over the
 * user's training items ({@code user_items.bin} of the snapshot, with their training weights) plus
 * those new rows (weight 1). A user the model does not know becomes known this way. Events for movies
 * the model does not know change nothing here (they are still stored for retraining).
 *
 * <p>The overlay belongs to one model snapshot: it is registered as a {@link ModelHolder.Listener}
 * and starts empty at every swap (the next model is trained on the stored feedback); lookups with
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
   * @param vector the folded-in user vector, {@code float[f]}
   */
  public record UserState(int[] newRows, float[] vector) {}

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
    current.set(new Overlay(next, new ConcurrentHashMap<>()));
  }

  /** The user's overlay entry for {@code model}, or {@code null}. */
  public UserState state(ModelSnapshot model, long userId) {
    Overlay o = current.get();
    return o == null || o.model() != model ? null : o.users().get(userId);
  }

  /** Users currently in the overlay of {@code model}. */
  public int size(ModelSnapshot model) {
    Overlay o = current.get();
    return o == null || o.model() != model ? 0 : o.users().size();
  }

  /**
   * Applies a positive event (watch, click, rating >= 4) of {@code userId} on {@code movieId}.
   *
   * @param model the production snapshot the event is applied to
   * @return true when the user's overlay entry changed
   */
  public boolean positive(ModelSnapshot model, long userId, long movieId) {
    Overlay o = current.get();
    if (model == null || o == null || o.model() != model || maxUsers == 0) {
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
      UserState next = update(model, id, old, row);
      changed[0] = next != old;
      return next;
    });
    return changed[0];
  }

  private static UserState update(ModelSnapshot model, long userId, UserState old, int row) {
    ModelArtifacts a = model.artifacts();
    int u = a.users().rowOf(userId);
    UserItems ui = a.userItems();
    if (u >= 0 && ui.contains(u, row)) {
      return old; // already a training item: the vector does not change
    }
    int[] prev = old == null ? new int[0] : old.newRows();
    if (prev.length >= MAX_NEW_ITEMS_PER_USER || Arrays.stream(prev).anyMatch(r -> r == row)) {
      return old;
    }
    int[] newRows = Arrays.copyOf(prev, prev.length + 1);
    newRows[prev.length] = row;
    int nTrain = u < 0 ? 0 : ui.end(u) - ui.start(u);
    int[] rows = new int[nTrain + newRows.length];
    float[] weights = new float[rows.length];
    if (nTrain > 0) {
      System.arraycopy(ui.indices(), ui.start(u), rows, 0, nTrain);
      System.arraycopy(ui.weights(), ui.start(u), weights, 0, nTrain);
    }
    System.arraycopy(newRows, 0, rows, nTrain, newRows.length);
    Arrays.fill(weights, nTrain, rows.length, 1f);
    return new UserState(newRows, model.foldIn(rows, weights));
  }
}
