package org.soc.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server running as a child process whose stdout/stderr go to a log file. Stopping sends SIGTERM to the
 * process and all of its descendants (wrappers like the Elasticsearch CLI launcher fork the real server),
 * then SIGKILL after a grace period. A JVM shutdown hook stops it if the owner forgets to, and the command runs
 * under {@link OrphanGuard}, which stops it when this JVM dies without running hooks (SIGKILL).
 */
final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Duration stopTimeout;
    private final Thread shutdownHook;
    private boolean closed;

    private ChildProcess(String name, Process process, Path logFile, Duration stopTimeout) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.stopTimeout = stopTimeout;
        this.shutdownHook = new Thread(this::stop, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static ChildProcess start(String name, ProcessBuilder builder, Path logFile, Duration stopTimeout) {
        try {
            Files.createDirectories(logFile.getParent());
            builder.command(OrphanGuard.wrap(builder.command()));
            builder.redirectErrorStream(true);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Files.writeString(logFile, "# " + String.join(" ", builder.command()) + System.lineSeparator(),
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            return new ChildProcess(name, builder.start(), logFile, stopTimeout);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + builder.command(), e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Path logFile() {
        return logFile;
    }

    /** Last {@code lines} lines of the log, for error messages. */
    String logTail(int lines) {
        return tail(logFile, lines);
    }

    static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no log at " + file + ")";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> descendants = new ArrayList<>();
        process.descendants().forEach(descendants::add); // snapshot: children get re-parented once the root dies
        long deadline = System.nanoTime() + stopTimeout.toNanos();
        // 1. SIGTERM the direct child only: launchers (the ES CLI) then stop their server in an orderly way
        process.destroy();
        awaitExit(List.of(process.toHandle()), deadline);
        // 2. SIGTERM whatever survived, 3. SIGKILL after the grace period
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
        List<ProcessHandle> all = new ArrayList<>(descendants);
        all.add(process.toHandle());
        awaitExit(all, Math.max(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(5)));
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitExit(all, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
    }

    private static void awaitExit(List<ProcessHandle> handles, long deadlineNanos) {
        for (ProcessHandle handle : handles) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                return; // timed out
            }
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // JVM already shutting down
        }
    }

    @Override
    public String toString() {
        return name + "(pid " + process.pid() + ", log " + logFile + ")";
    }
}
