package dev.outpost.ports.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link SecretVault} does; extend it with a fresh, empty vault per test. */
public abstract class SecretVaultContract {
    private static final String SERVER_KEY = "client:social.example:8443/é";

    /** A vault with no secrets; called once per test. */
    protected abstract SecretVault secretVault();

    @Test
    void anUnknownKeyHasNoValue() {
        assertThat(secretVault().get("example", "nothing here")).isEmpty();
    }

    @Test
    void aPutValueIsReadBackExactlyAndAnotherPutReplacesIt() {
        SecretVault vault = secretVault();
        String value = "{\"client_id\":\"abc\",\"client_secret\":\"s3cr3t, é 👋\"}\n";
        vault.put("example", SERVER_KEY, value);
        assertThat(vault.get("example", SERVER_KEY)).contains(value);

        vault.put("example", SERVER_KEY, "second");
        assertThat(vault.get("example", SERVER_KEY)).contains("second");
    }

    @Test
    void eachPluginHasItsOwnKeys() {
        SecretVault vault = secretVault();
        vault.put("example", "k", "example's");
        vault.put("other", "k", "other's");
        vault.put("example", "k2", "example's second");

        assertThat(vault.get("example", "k")).contains("example's");
        assertThat(vault.get("other", "k")).contains("other's");
        assertThat(vault.get("other", "k2")).isEmpty();
        // Keys that would run together with the plugin id if the vault joined them carelessly stay apart.
        vault.put("ex", "ample:k", "joined");
        assertThat(vault.get("example", "k")).contains("example's");
        assertThat(vault.get("ex", "ample:k")).contains("joined");
    }

    @Test
    void putIfAbsentStoresOnlyWhenNothingIsThere() {
        SecretVault vault = secretVault();
        assertThat(vault.putIfAbsent("example", SERVER_KEY, "first")).isEqualTo("first");
        assertThat(vault.putIfAbsent("example", SERVER_KEY, "second")).isEqualTo("first");
        assertThat(vault.get("example", SERVER_KEY)).contains("first");
    }

    @Test
    void deleteForgetsOneKeyAndAFreshPutIfAbsentStoresAgain() {
        SecretVault vault = secretVault();
        vault.put("example", "a", "1");
        vault.put("example", "b", "2");

        vault.delete("example", "a");
        vault.delete("example", "a");
        vault.delete("example", "never stored");

        assertThat(vault.get("example", "a")).isEmpty();
        assertThat(vault.get("example", "b")).contains("2");
        assertThat(vault.putIfAbsent("example", "a", "3")).isEqualTo("3");
        assertThat(vault.get("example", "a")).contains("3");
    }

    @Test
    void largeAndEmptyValuesRoundTrip() {
        SecretVault vault = secretVault();
        String large = "ä".repeat(50_000);
        vault.put("example", "large", large);
        vault.put("example", "empty", "");

        assertThat(vault.get("example", "large")).contains(large);
        assertThat(vault.get("example", "empty")).contains("");
    }

    @Test
    void ofConcurrentPutIfAbsentCallersExactlyOneWinsAndAllSeeItsValue() throws Exception {
        SecretVault vault = secretVault();

        List<String> results = Concurrently.run(8, i -> vault.putIfAbsent("example", SERVER_KEY, "client-" + i));

        assertThat(new HashSet<>(results)).hasSize(1);
        assertThat(results.get(0)).startsWith("client-");
        assertThat(vault.get("example", SERVER_KEY)).contains(results.get(0));
    }
}
