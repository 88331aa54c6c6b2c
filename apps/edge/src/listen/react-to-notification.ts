import { setTimeout as sleep } from 'node:timers/promises';
import type { DeviceEntry } from '../cache/device-cache';
import type { Waiter } from '../cache/waiters';
import type { Edge } from '../edge';
import { answerWaiter } from '../http/bundle-replies';
import type { DistributionNotification } from './notification-listener';

// How many bundles of one org an edge fetches at once after a publish: enough that many group
// sets reach their devices within the second, few enough to leave the pool to requests.
const refreshConcurrency = 8;

/** Brings the caches up to date with one change and answers the waiters it concerns. */
export async function reactToNotification(
  edge: Edge,
  notification: DistributionNotification,
): Promise<void> {
  switch (notification.kind) {
    case 'generation':
      await applyGeneration(edge, notification.org);
      return;
    case 'device':
      await reloadDevices(edge, [notification.device]);
      return;
    case 'person':
      await reloadDevices(edge, edge.devices.devicesOfPerson(notification.person));
      return;
    case 'keys':
      await edge.keySets.refresh(notification.org);
      return;
  }
}

/**
 * After the LISTEN connection came back: anything may have changed while it was down (a
 * publish, a revocation), so every cached bundle is refreshed, every cached device read again
 * and every key set reloaded.
 */
export async function refreshEverything(edge: Edge): Promise<void> {
  const orgs = new Set([...edge.bundles.orgs(), ...edge.devices.orgs()]);
  await Promise.all([
    ...[...orgs].map(async (org) => {
      await refreshOrgBundles(edge, org);
      await reloadDevices(edge, edge.devices.devicesOfOrg(org));
    }),
    ...edge.keySets.orgs().map((org) => edge.keySets.refresh(org)),
  ]);
}

/**
 * A new generation (a publish, a rollback, a re-sign). Waiters are answered first, from the
 * refreshed bundles of the group sets they wait on: that is what reaches devices within the
 * second. A device's groups are narrowed by the published policy, so a publish can also move
 * devices to another group set: those whose facts predate the new policy version are read
 * again, and any of them now in another group set is answered with that set's bundle.
 */
async function applyGeneration(edge: Edge, org: string): Promise<void> {
  const startedAt = performance.now();
  const waiting = edge.waiters.size;
  const writing = { ms: 0 };
  await refreshOrgBundles(edge, org, writing);
  const answeredAt = performance.now();
  // Thousands of answers were just written, and their devices (and, on a small host, other
  // processes) need the CPU to take them in. The re-read only matters to the few devices a
  // publish regroups, so it waits a moment and leaves gaps between its batches.
  await sleep(reReadDelayMs);
  const policyVersion = edge.bundles.policyVersionOf(org);
  const stale = edge.devices.devicesOfOrg(org, policyVersion);
  const reReadAt = performance.now();
  await reloadDevices(edge, stale, reReadGapMs);
  edge.log.info(
    {
      org,
      bundles: edge.bundles.keysOfOrg(org).length,
      answered: waiting - edge.waiters.size,
      answeredMs: Math.round(answeredAt - startedAt),
      writeMs: Math.round(writing.ms),
      devicesReloaded: stale.length,
      reloadMs: Math.round(performance.now() - reReadAt),
    },
    'new bundle generation applied',
  );
}

async function refreshOrgBundles(
  edge: Edge,
  org: string,
  writing: { ms: number } = { ms: 0 },
): Promise<void> {
  const keys = edge.bundles.keysOfOrg(org);
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next] as string;
      next += 1;
      if ((await withRetries(edge, () => edge.bundles.refresh(key))).ok) {
        const writeStartedAt = performance.now();
        wakeBundleWaiters(edge, key);
        writing.ms += performance.now() - writeStartedAt;
      } else {
        // Serving the old bundle from memory would keep its devices stale with no end: drop
        // it, so their next request reads the database (and fails visibly if it is still down).
        edge.bundles.forget(key);
        for (const waiter of edge.waiters.takeForBundle(key)) sendUnavailable(edge, waiter);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(refreshConcurrency, keys.length) }, worker));
}

/** Answers, with the bundle now cached, everyone waiting on `key` who holds another. */
function wakeBundleWaiters(edge: Edge, key: string): void {
  const bundle = edge.bundles.get(key);
  if (!bundle) return;
  for (const waiter of edge.waiters.takeForBundle(key, bundle.etag)) {
    answerWaiter(edge.metrics, waiter, { kind: 'bundle', bundle });
  }
}

// Devices are read in batches of this many, so a reconnect with a large cache stays a few queries.
const reloadBatch = 1_000;

// After a publish: how long the re-read waits once the waiters are answered, and between batches.
const reReadDelayMs = 300;
const reReadGapMs = 50;

async function reloadDevices(edge: Edge, deviceIds: readonly string[], gapMs = 0): Promise<void> {
  for (let start = 0; start < deviceIds.length; start += reloadBatch) {
    if (start > 0 && gapMs > 0) await sleep(gapMs);
    const batch = deviceIds.slice(start, start + reloadBatch);
    const reloaded = await withRetries(edge, () => edge.devices.reload(batch));
    if (!reloaded.ok) {
      // Facts that may be stale (a revocation unseen) must not stay in memory.
      for (const id of batch) {
        const entry = edge.devices.forget(id);
        if (entry)
          for (const waiter of edge.waiters.takeForDevice(entry)) sendUnavailable(edge, waiter);
      }
      continue;
    }
    for (const { entry, before, after } of reloaded.value) {
      if (!after) refuseWaiters(edge, entry, 'DEVICE_REVOKED');
      else if (after.refusal) refuseWaiters(edge, entry, after.refusal);
      else if (bundleKeyChanged(before, entry)) await answerWithNewBundle(edge, entry);
    }
  }
}

function bundleKeyChanged(before: { org: string; groupSetKey: string }, after: DeviceEntry) {
  return before.org !== after.org || before.groupSetKey !== after.groupSetKey;
}

const refusalMessages = {
  DEVICE_REVOKED: 'This device was revoked; enroll it again to get a policy.',
  PERSON_DEACTIVATED: 'The person this device belongs to was deactivated.',
} as const;

function refuseWaiters(edge: Edge, device: DeviceEntry, code: keyof typeof refusalMessages) {
  for (const waiter of edge.waiters.takeForDevice(device)) {
    answerWaiter(edge.metrics, waiter, { kind: 'refused', code, message: refusalMessages[code] });
  }
}

/** The device's groups changed: its waiters get the bundle of its new group set now. */
async function answerWithNewBundle(edge: Edge, device: DeviceEntry): Promise<void> {
  const waiters: Waiter[] = edge.waiters.takeForDevice(device);
  if (waiters.length === 0) return;
  try {
    const bundle = await edge.bundles.load(device);
    for (const waiter of waiters) answerWaiter(edge.metrics, waiter, { kind: 'bundle', bundle });
  } catch (error) {
    edge.log.error({ err: error, device: device.device }, 'could not load a regrouped bundle');
    for (const waiter of waiters) sendUnavailable(edge, waiter);
  }
}

function sendUnavailable(edge: Edge, waiter: Waiter): void {
  answerWaiter(edge.metrics, waiter, {
    kind: 'refused',
    code: 'UNAVAILABLE',
    message: 'The edge could not reach its database; try again shortly.',
    retryAfterSeconds: 1,
  });
}

const retryDelaysMs = [200, 1_000, 5_000];

/** Runs `work`, retrying a failure a few times; not ok when every try failed (logged). */
async function withRetries<T>(
  edge: Edge,
  work: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false }> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      const delay = retryDelaysMs[attempt];
      if (delay === undefined || edge.closing) {
        edge.log.error({ err: error }, 'could not apply a change notification');
        return { ok: false };
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
