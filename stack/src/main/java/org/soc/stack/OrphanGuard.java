package org.soc.stack;

import java.util.ArrayList;
import java.util.List;

/**
 * Wraps a child's command so that the child does not outlive this JVM. A shutdown hook stops children when the
 * JVM exits normally, but not when it is SIGKILLed (a CI timeout, a killed test fork, {@code kill -9}); Java
 * has no parent-death signal. The wrapper is a small POSIX shell script: it runs the command in the background,
 * forwards SIGTERM/SIGINT to it, and a watcher loop checks once a second that this JVM is alive; when it is gone
 * it sends SIGTERM, then SIGKILL after {@value #GRACE_SECONDS} s. The wrapper exits with the command's status.
 */
public final class OrphanGuard {
  static final int GRACE_SECONDS = 20;

  // $1 = the owner's pid; the rest is the command. After a trapped signal `wait` returns early, so it waits again
  // while the child lives, to exit with the child's own status.
  private static final String SCRIPT = String.join("\n",
      "owner=$1; shift",
      "\"$@\" & child=$!",
      "trap 'kill -TERM \"$child\" 2>/dev/null' TERM INT",
      "( while kill -0 \"$owner\" 2>/dev/null; do sleep 1; done",
      "  kill -TERM \"$child\" 2>/dev/null; sleep " + GRACE_SECONDS + "; kill -KILL \"$child\" 2>/dev/null ) &",
      "guard=$!",
      "wait \"$child\"; rc=$?",
      "while kill -0 \"$child\" 2>/dev/null; do wait \"$child\"; rc=$?; done",
      "kill \"$guard\" 2>/dev/null",
      "exit $rc");

  private OrphanGuard() {}

  /** {@code command}, run so that it is stopped when the process {@code ownerPid} is gone. */
  public static List<String> wrap(List<String> command, long ownerPid) {
    List<String> out = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "orphan-guard", Long.toString(ownerPid)));
    out.addAll(command);
    return out;
  }

  /** {@code command}, stopped when this JVM is gone. */
  public static List<String> wrap(List<String> command) {
    return wrap(command, ProcessHandle.current().pid());
  }
}
