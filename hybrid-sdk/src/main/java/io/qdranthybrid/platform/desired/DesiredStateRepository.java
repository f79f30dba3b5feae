package io.qdranthybrid.platform.desired;

import java.util.Optional;

/**
 * Where a platform keeps each environment's desired state so that it survives a restart of the control plane. Agents
 * remember the last revision they applied and ignore anything at or below it, so a store that came back at a lower
 * revision would have its changes silently ignored; a repository keeps the revision (and what is live) across restarts.
 *
 * <p>{@link DesiredStateStore} calls {@link #save} after every change while holding its lock, with the complete live
 * state, so an implementation only has to write it atomically. The history of deltas is not persisted: after a
 * restart, an agent that is behind gets a snapshot. The default, {@link InMemoryDesiredStateRepository}, survives a
 * restart of the gateway inside one process; {@link FileDesiredStateRepository} survives the process.
 */
public interface DesiredStateRepository {

    /** What was last saved for the environment, or empty if nothing was. */
    Optional<PersistedDesiredState> load(String environmentId);

    /** Replaces what is kept for the environment. A failure must throw, so the change is refused, not lost. */
    void save(String environmentId, PersistedDesiredState state);

    /** Forgets the environment (it was decommissioned). */
    void delete(String environmentId);
}
