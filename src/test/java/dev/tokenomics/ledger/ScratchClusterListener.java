package dev.tokenomics.ledger;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Removes the tests' scratch PostgreSQL cluster when the test run ends (registered in META-INF/services). */
public final class ScratchClusterListener implements LauncherSessionListener {
    @Override
    public void launcherSessionClosed(LauncherSession session) {
        TestLedgers.closeCluster();
    }
}
