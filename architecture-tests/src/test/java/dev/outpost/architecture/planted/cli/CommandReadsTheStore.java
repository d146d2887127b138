package dev.outpost.architecture.planted.cli;

import dev.outpost.architecture.planted.ports.storage.AccountStore;

/** Lists accounts by reading the store instead of asking a use case. */
public class CommandReadsTheStore {
    int count(AccountStore accounts) {
        return accounts.list().size();
    }
}
