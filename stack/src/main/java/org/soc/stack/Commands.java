package org.soc.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short helper commands (useradd, chown, StorageTool format) to completion. */
final class Commands {

    /** Result of a finished command. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private final Duration timeout;

    Commands(Duration timeout) {
        this.timeout = timeout;
    }

    Commands() {
        this(Duration.ofMinutes(2));
    }

    Result run(List<String> command) {
        return run(new ProcessBuilder(command));
    }

    Result run(ProcessBuilder builder) {
        builder.redirectErrorStream(true);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + builder.command());
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + builder.command(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running " + builder.command(), e);
        }
    }

    Result runChecked(List<String> command) {
        Result result = run(command);
        if (!result.ok()) {
            throw new IllegalStateException("Command failed (exit " + result.exitCode() + "): "
                    + String.join(" ", command) + System.lineSeparator() + result.output());
        }
        return result;
    }

    static Path javaExecutable(Path javaHome) {
        return javaHome.resolve("bin").resolve("java");
    }
}
