package org.soc.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard against children outliving a killed JVM, with real processes (sh, sleep). */
class OrphanGuardTest {
  @Test
  void passesTheCommandsExitStatusThrough() throws Exception {
    Process p = new ProcessBuilder(OrphanGuard.wrap(List.of("/bin/sh", "-c", "exit 3"))).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(3);
  }

  @Test
  void sigtermToTheWrapperReachesTheCommand(@TempDir Path dir) throws Exception {
    Path marker = dir.resolve("terminated");
    // The command records the SIGTERM it receives, then exits 0.
    String child = "trap 'echo term > " + marker + "; exit 0' TERM; while true; do sleep 0.1; done";
    Process p = new ProcessBuilder(OrphanGuard.wrap(List.of("/bin/sh", "-c", child))).start();
    Thread.sleep(500);
    p.destroy();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(Files.readString(marker)).startsWith("term");
  }

  @Test
  void theCommandIsStoppedWhenItsOwnerDies(@TempDir Path dir) throws Exception {
    // The owner is a stand-in process we can SIGKILL (this JVM must stay alive to observe).
    Process owner = new ProcessBuilder("sleep", "300").start();
    Path pidFile = dir.resolve("pid");
    String child = "echo $$ > " + pidFile + "; exec sleep 300";
    Process wrapper = new ProcessBuilder(OrphanGuard.wrap(List.of("/bin/sh", "-c", child), owner.pid())).start();
    long childPid = awaitPid(pidFile, Duration.ofSeconds(10));
    Optional<ProcessHandle> handle = ProcessHandle.of(childPid);
    assertThat(handle).isPresent();
    owner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    assertThat(handle.get().onExit().get(15, TimeUnit.SECONDS).isAlive()).isFalse();
    assertThat(wrapper.waitFor(15, TimeUnit.SECONDS)).isTrue();
  }

  private static long awaitPid(Path file, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file)) {
        String text = Files.readString(file).trim();
        if (!text.isEmpty()) {
          return Long.parseLong(text);
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no pid in " + file);
  }
}
