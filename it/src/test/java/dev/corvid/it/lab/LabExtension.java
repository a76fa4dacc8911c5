package dev.corvid.it.lab;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One {@link Lab} per test class: opened before the class's {@code @BeforeAll} methods (skipping or failing the
 * class when the machine cannot run it), closed after the class, and its daemons' logs printed when a test or a
 * class setup fails.
 *
 * <pre>{@code @RegisterExtension static final LabExtension LAB = new LabExtension("md5");}</pre>
 */
public final class LabExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher,
        LifecycleMethodExecutionExceptionHandler {

    private final String name;
    private Lab lab;

    public LabExtension(String name) {
        this.name = name;
    }

    public Lab lab() {
        if (lab == null) {
            throw new IllegalStateException("the lab of " + name + " is not open");
        }
        return lab;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        lab = Lab.open(name);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (lab != null) {
            lab.close();
            lab = null;
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        printLogs(context.getDisplayName());
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        printLogs("the setup of " + context.getDisplayName());
        throw throwable;
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        printLogs("the final checks of " + context.getDisplayName());
        throw throwable;
    }

    private void printLogs(String what) {
        if (lab != null) {
            System.out.println("----- " + what + " failed; logs of the lab " + name + ":" + lab.logs());
        }
    }
}
