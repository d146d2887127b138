package dev.outpost.ports.storage.memory;

import dev.outpost.ports.storage.UploadJournal;
import dev.outpost.ports.storage.UploadJournalContract;

class InMemoryUploadJournalTest extends UploadJournalContract {
    @Override
    protected UploadJournal uploadJournal() {
        return new InMemoryUploadJournal();
    }
}
