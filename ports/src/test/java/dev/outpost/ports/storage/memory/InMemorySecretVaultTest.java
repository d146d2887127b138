package dev.outpost.ports.storage.memory;

import dev.outpost.ports.storage.SecretVault;
import dev.outpost.ports.storage.SecretVaultContract;

class InMemorySecretVaultTest extends SecretVaultContract {
    @Override
    protected SecretVault secretVault() {
        return new InMemorySecretVault();
    }
}
