package dev.outpost.storage;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.Waiter;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.ports.storage.JobQueue;
import dev.outpost.ports.storage.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * {@link JobQueue} on db-scheduler, in the same database as the stores: one one-time task instance per
 * publication id in {@code scheduled_tasks}. An execution is picked with an optimistic version update, so of
 * several instances polling exactly one runs it; a run whose instance dies stops sending heartbeats and is run
 * again elsewhere.
 *
 * <p>db-scheduler forbids changing an execution while it runs, yet the core reschedules a publication from inside
 * its own run (to poll processing later, for instance). Such a request is kept here and applied by the run's
 * completion instead of the default "remove when done".
 */
final class DbSchedulerJobQueue implements JobQueue {
    static final String TASK_NAME = "outpost-publication";
    private static final Duration BUSY_WAIT = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final Clock clock;
    private final JobSettings settings;
    private final String instanceName;
    private final JdbcCustomization dialect;
    private CustomTask<Void> task;
    private SchedulerClient client;
    private final AtomicReference<Handler> handler = new AtomicReference<>();
    private final Object runs = new Object();
    private final Set<String> runningHere = new HashSet<>();
    private final Map<String, Instant> requestedWhileRunning = new HashMap<>();
    private Scheduler scheduler;

    /** @param dialect db-scheduler's SQL for the database, or null to let it detect the database */
    DbSchedulerJobQueue(DataSource dataSource, Clock clock, JobSettings settings, String instanceName,
            JdbcCustomization dialect) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = dialect;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.instanceName = Objects.requireNonNull(instanceName, "instanceName");
    }

    /**
     * The task and db-scheduler's client, made at the first use: a command that never schedules (a list, say) loads
     * none of db-scheduler.
     */
    private synchronized CustomTask<Void> task() {
        if (task == null) {
            task = newTask();
            SchedulerClient.Builder builder = SchedulerClient.Builder.create(dataSource, List.of(task));
            client = (dialect == null ? builder : builder.jdbcCustomization(dialect)).build();
        }
        return task;
    }

    private synchronized SchedulerClient client() {
        task();
        return client;
    }

    private CustomTask<Void> newTask() {
        return Tasks.custom(TASK_NAME, Void.class)
                .onFailure((complete, operations) -> {
                    Instant requested = finishRun(complete.getExecution().getId());
                    operations.reschedule(complete, storable(requested != null ? requested
                            : complete.getTimeDone().plus(settings.retryDelay())));
                })
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    String id = instance.getId();
                    synchronized (runs) {
                        runningHere.add(id);
                    }
                    // When the handler throws, the failure handler above ends the run.
                    current().run(new PublicationId(id));
                    Instant again = finishRun(id);
                    if (again == null) {
                        return new CompletionHandler.OnCompleteRemove<>();
                    }
                    return (complete, operations) -> operations.reschedule(complete, storable(again));
                });
    }

    /**
     * The databases keep microseconds and round the rest, which could put a job due "now" a fraction of a
     * microsecond into the future; rounding down first keeps it due.
     */
    private static Instant storable(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    private Handler current() {
        Handler h = handler.get();
        if (h == null) {
            throw new IllegalStateException("the job queue runs jobs only after start(handler)");
        }
        return h;
    }

    /** Ends this instance's record of a run; returns the time the run asked to be scheduled again, if it did. */
    private Instant finishRun(String id) {
        synchronized (runs) {
            runningHere.remove(id);
            return requestedWhileRunning.remove(id);
        }
    }

    @Override
    public void schedule(PublicationId id, Instant at) {
        Objects.requireNonNull(at, "at");
        synchronized (runs) {
            if (runningHere.contains(id.value())) {
                requestedWhileRunning.put(id.value(), at);
                return;
            }
        }
        whenNotRunning(id, () -> client().schedule(task().instance(id.value()), storable(at),
                SchedulerClient.ScheduleOptions.WHEN_EXISTS_RESCHEDULE));
    }

    @Override
    public boolean cancel(PublicationId id) {
        synchronized (runs) {
            if (runningHere.contains(id.value())) {
                return requestedWhileRunning.remove(id.value()) != null;
            }
        }
        try {
            client().cancel(TaskInstanceId.of(TASK_NAME, id.value()));
            return true;
        } catch (TaskInstanceNotFoundException e) {
            return false;
        } catch (TaskInstanceCurrentlyExecutingException e) {
            // Running on another instance: there is no scheduled job to remove, the run decides what follows.
            return false;
        }
    }

    /** Retries an action that db-scheduler refuses while another instance (or our own completion) holds the run. */
    private void whenNotRunning(PublicationId id, Runnable action) {
        long deadline = System.nanoTime() + BUSY_WAIT.toNanos();
        while (true) {
            try {
                action.run();
                return;
            } catch (TaskInstanceCurrentlyExecutingException e) {
                if (System.nanoTime() > deadline) {
                    throw new StorageException("Publication " + id + " is being run by another instance; schedule it"
                            + " again once that run ended.", e);
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while waiting to schedule a job", e);
        }
    }

    @Override
    public synchronized void start(Handler next) {
        Objects.requireNonNull(next, "handler");
        if (scheduler != null) {
            return;
        }
        handler.set(next);
        RealTimePolling builder = new RealTimePolling(dataSource, List.of(task()), settings.pollInterval());
        if (dialect != null) {
            builder.jdbcCustomization(dialect);
        }
        scheduler = builder
                .schedulerName(new SchedulerName.Fixed(instanceName))
                .pollingInterval(settings.pollInterval())
                .heartbeatInterval(settings.heartbeatInterval())
                .threads(settings.threads())
                .clock(clock::instant)
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
        scheduler.start();
    }

    /**
     * Polls every interval of real time. db-scheduler would otherwise measure the pause between polls with the
     * injected clock, and a clock that tests move by hand would stop polling altogether; which jobs are due is still
     * decided by the injected clock.
     */
    private static final class RealTimePolling extends SchedulerBuilder {
        private final Duration pollInterval;

        RealTimePolling(DataSource dataSource, List<Task<?>> tasks, Duration pollInterval) {
            super(dataSource, tasks);
            this.pollInterval = pollInterval;
        }

        @Override
        protected Waiter buildWaiter() {
            return new Waiter(pollInterval);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.stop();
            scheduler = null;
        }
    }
}
