package org.soc.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts ONE {@link LocalStack} (real Elasticsearch + Kafka on free loopback ports) per
 * test JVM, shared by every test class that uses it, and stops it when the whole test run ends. Tests get it
 * by declaring a {@link LocalStack} parameter (constructor, lifecycle or test method):
 *
 * <pre>{@code
 * @ExtendWith(LocalStackExtension.class)
 * class MyIT {
 *     @Test void works(LocalStack stack) { stack.kafkaBootstrap(); stack.elasticsearchUrl(); }
 * }
 * }</pre>
 *
 * <p>Runtime binaries come from the {@code soc.runtime.dir} system property (set by the parent pom's
 * surefire/failsafe config). State lives in {@code target/local-stack/<timestamp>-<pid>} of the module under
 * test, or under the directory named by the {@code soc.stack.workdir} system property.
 */
public class LocalStackExtension implements BeforeAllCallback, ParameterResolver {

    /** Optional system property overriding the parent of the per-run work dir. */
    public static final String WORK_DIR_PROPERTY = "soc.stack.workdir";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
            throws ParameterResolutionException {
        return stack(extensionContext);
    }

    /** The shared stack, started on first use. */
    public static LocalStack stack(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        return store.getOrComputeIfAbsent(StartedStack.class, key -> StartedStack.start(), StartedStack.class).stack();
    }

    /** Root-store value: closed by JUnit when the root context (the whole test run) closes. */
    @SuppressWarnings("deprecation") // CloseableResource for JUnit < 5.13; AutoCloseable for newer ones
    private record StartedStack(LocalStack stack) implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        static StartedStack start() {
            Path workDir = newWorkDir();
            LocalStack stack = LocalStack.withFreePorts(StackLayout.fromSystemProperty(), workDir);
            stack.start();
            System.out.println("[LocalStackExtension] " + stack + " started in " + stack.startupTime().toMillis()
                    + " ms (work dir " + workDir + ")");
            return new StartedStack(stack);
        }

        @Override
        public void close() {
            stack.close(); // idempotent
        }

        private static Path newWorkDir() {
            String parent = System.getProperty(WORK_DIR_PROPERTY);
            Path base = parent != null && !parent.isBlank() ? Path.of(parent) : Path.of("target", "local-stack");
            String name = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                    + ProcessHandle.current().pid();
            try {
                return Files.createDirectories(base.toAbsolutePath().resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
