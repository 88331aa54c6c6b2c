import type { ActiveBundle } from '../trust/active-bundle';

/**
 * Where enforcement points plug in: whatever turns the active bundle into local enforcement
 * (a native agent's rules, an MCP gateway's allow list) implements this and is handed to
 * `watchBundles`. It is told after the bundle is verified and persisted, so it never sees one
 * the agent would not also enforce after a restart.
 */
export interface BundleListener {
  /** Called once at start with the last good bundle (if any), then after each accepted change. */
  onBundleChanged(bundle: ActiveBundle): void | Promise<void>;
}

/**
 * Tells every listener, one after another. A listener that throws does not stop the others or
 * the agent: its failure is returned for the caller to report.
 */
export async function notifyBundleListeners(
  listeners: readonly BundleListener[],
  bundle: ActiveBundle,
): Promise<unknown[]> {
  const failures: unknown[] = [];
  for (const listener of listeners) {
    try {
      await listener.onBundleChanged(bundle);
    } catch (error) {
      failures.push(error);
    }
  }
  return failures;
}
