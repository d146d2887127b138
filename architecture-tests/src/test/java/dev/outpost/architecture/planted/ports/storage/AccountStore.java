package dev.outpost.architecture.planted.ports.storage;

import java.util.List;

public interface AccountStore {
    List<String> list();
}
