package dev.outpost.ports.storage;

import static dev.outpost.ports.storage.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What every {@link SavedDraftStore} does; extend it with a fresh, empty store per test. */
public abstract class SavedDraftStoreContract {
    /** A store with no drafts; called once per test. */
    protected abstract SavedDraftStore savedDraftStore();

    private static final String JSON = "{\"items\":[{\"text\":\"Hello, 世界 👋\\nsecond\"}],\"targets\":[\"x:42\"]}";

    @Test
    void aSavedDraftIsFoundExactly() {
        SavedDraftStore store = savedDraftStore();
        SavedDraft draft = new SavedDraft("d1", "Hello, 世界 👋", JSON, T0);

        assertThat(store.save(draft)).isEqualTo(draft);

        assertThat(store.find("d1")).contains(draft);
        assertThat(store.find("nope")).isEmpty();
    }

    @Test
    void savingAgainReplacesIt() {
        SavedDraftStore store = savedDraftStore();
        store.save(new SavedDraft("d1", "first", "{}", T0));
        SavedDraft later = new SavedDraft("d1", "second", JSON, T0.plusSeconds(5));

        store.save(later);

        assertThat(store.find("d1")).contains(later);
        assertThat(store.list(10)).containsExactly(later);
    }

    @Test
    void listIsNewestFirstAndLimited() {
        SavedDraftStore store = savedDraftStore();
        store.save(new SavedDraft("old", "old", "{}", T0));
        store.save(new SavedDraft("new", "new", "{}", T0.plusSeconds(60)));
        store.save(new SavedDraft("mid", "mid", "{}", T0.plusSeconds(30)));

        assertThat(store.list(10)).extracting(SavedDraft::id).containsExactly("new", "mid", "old");
        assertThat(store.list(2)).extracting(SavedDraft::id).containsExactly("new", "mid");
        assertThatThrownBy(() -> store.list(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLargeDraftRoundTrips() {
        SavedDraftStore store = savedDraftStore();
        String big = "{\"text\":\"" + "é".repeat(SavedDraft.MAX_CONTENT_BYTES / 2 - 10) + "\"}";
        SavedDraft draft = new SavedDraft("big", "", big, T0);

        store.save(draft);

        assertThat(store.find("big").orElseThrow().content()).isEqualTo(big);
    }

    @Test
    void deleteRemovesItAndIgnoresTheUnknown() {
        SavedDraftStore store = savedDraftStore();
        store.save(new SavedDraft("d1", "t", "{}", T0));
        store.save(new SavedDraft("d2", "t", "{}", T0));

        store.delete("d1");
        store.delete("nope");

        assertThat(store.find("d1")).isEmpty();
        assertThat(store.list(10)).extracting(SavedDraft::id).containsExactly("d2");
    }
}
