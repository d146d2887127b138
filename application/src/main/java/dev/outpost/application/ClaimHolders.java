package dev.outpost.application;

/**
 * Judges whether the worker named in a publication's claim is gone for certain, so that a new run may take the claim
 * over at once instead of waiting for its lease to end (a run killed with SIGKILL, or stopped while its database was
 * closing and so unable to release). Must never judge dead a worker that may still be running: two runs of one
 * publication would then race. Implementations are thread-safe.
 */
@FunctionalInterface
public interface ClaimHolders {
    /** Judges no one dead: every claim holds until its lease ends. */
    ClaimHolders NONE_PROVABLY_DEAD = holder -> false;

    /** @param holder a worker name as stored in a claim */
    boolean provablyDead(String holder);
}
