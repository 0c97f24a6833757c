package org.soc.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides under which OS user a server runs. Elasticsearch refuses to run as root, so when this JVM is root
 * the server is started as an unprivileged system user (created on demand) via {@code setpriv}
 * (or {@code runuser} when setpriv is missing).
 */
final class ProcessUser {

    /** Default name of the unprivileged system user used when running as root. */
    static final String DEFAULT_USER = "soc-es";

    private final String userName;
    private final Commands commands;
    private final boolean root;

    ProcessUser(String userName, Commands commands) {
        this.userName = userName;
        this.commands = commands;
        this.root = currentUid() == 0;
    }

    /** True when the child must be demoted to {@link #userName()}. */
    boolean demote() {
        return root;
    }

    String userName() {
        return userName;
    }

    /** Creates the system user if it does not exist yet (idempotent; no-op unless root). */
    void ensureExists() {
        if (!root || commands.run(List.of("id", "-u", userName)).ok()) {
            return;
        }
        Commands.Result result = commands.run(List.of("useradd", "--system", "--no-create-home",
                "--shell", "/usr/sbin/nologin", userName));
        // a concurrent JVM may have created it in between: only fail if it still does not exist
        if (!result.ok() && !commands.run(List.of("id", "-u", userName)).ok()) {
            throw new IllegalStateException("Cannot create system user " + userName + ": " + result.output());
        }
    }

    /** Recursively hands {@code dir} to the unprivileged user (no-op unless root). */
    void chown(Path dir) {
        if (root) {
            commands.runChecked(List.of("chown", "-R", userName + ":", dir.toString()));
        }
    }

    /** Whether the unprivileged user can read/execute {@code path} (always true unless root). */
    boolean canAccess(Path path, String testFlag) {
        if (!root) {
            return true;
        }
        List<String> cmd = new ArrayList<>(wrapperPrefix());
        cmd.addAll(List.of("test", testFlag, path.toString()));
        return commands.run(cmd).ok();
    }

    /** {@code command} prefixed with the uid switch when running as root. */
    List<String> wrap(List<String> command) {
        if (!root) {
            return command;
        }
        List<String> cmd = new ArrayList<>(wrapperPrefix());
        cmd.addAll(command);
        return cmd;
    }

    private List<String> wrapperPrefix() {
        if (Files.isExecutable(Path.of("/usr/bin/setpriv")) || Files.isExecutable(Path.of("/bin/setpriv"))) {
            // exec()s in place: the child process *is* the server launcher, and the environment is kept
            return List.of("setpriv", "--reuid=" + userName, "--regid=" + userName, "--init-groups", "--");
        }
        return List.of("runuser", "-u", userName, "--");
    }

    private static int currentUid() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return ((Number) uid).intValue();
        } catch (Exception e) {
            return "root".equals(System.getProperty("user.name")) ? 0 : 1000;
        }
    }
}
