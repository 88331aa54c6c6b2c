import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type Waiter, WaiterRegistry, type WaitingDevice } from './waiters';

function fakeReply(): {
  response: ServerResponse;
  requestId: string;
  viaFastify: boolean;
  raw: EventEmitter;
} {
  const raw = new EventEmitter();
  return { response: raw as unknown as ServerResponse, requestId: 'r-1', viaFastify: true, raw };
}

describe('WaiterRegistry', () => {
  let clock = 1_000_000;
  const timedOut: Waiter[] = [];
  const registries: WaiterRegistry[] = [];
  const create = () => {
    const registry = new WaiterRegistry({
      maxWaitSeconds: 60,
      tickMs: 100,
      now: () => clock,
      onTimeout: (waiter) => timedOut.push(waiter),
    });
    registries.push(registry);
    return registry;
  };
  afterEach(() => {
    for (const registry of registries.splice(0)) registry.close();
    timedOut.length = 0;
  });

  it('times a waiter out once its seconds have passed, not before', () => {
    const registry = create();
    const device: WaitingDevice = { waiters: undefined };
    const waiter = registry.add({
      ...fakeReply(),
      device,
      bundleKey: 'org\ngroups',
      etag: '"a"',
      waitSeconds: 30,
    });
    clock += 29_900;
    registry.sweep();
    expect(timedOut).toEqual([]);
    clock += 100;
    registry.sweep();
    expect(timedOut).toEqual([waiter]);
    expect(registry.size).toBe(0);
    expect(device.waiters).toBeUndefined();
    expect([...registry.bundleKeys()]).toEqual([]);
  });

  it('times out waiters of every length correctly across a full turn of the wheel', () => {
    const registry = create();
    const device: WaitingDevice = { waiters: undefined };
    const byWait = new Map<number, Waiter>();
    for (const seconds of [1, 2, 30, 59, 60]) {
      byWait.set(
        seconds,
        registry.add({ ...fakeReply(), device, bundleKey: 'k', etag: '"a"', waitSeconds: seconds }),
      );
    }
    const start = clock;
    for (let elapsed = 0; elapsed <= 61_000; elapsed += 100) {
      clock = start + elapsed;
      registry.sweep();
      for (const [seconds, waiter] of byWait) {
        expect(timedOut.includes(waiter), `${seconds}s at ${elapsed}ms`).toBe(
          elapsed >= seconds * 1000,
        );
      }
    }
  });

  it('catches up when the sweep runs late (a blocked event loop)', () => {
    const registry = create();
    const device: WaitingDevice = { waiters: undefined };
    registry.add({ ...fakeReply(), device, bundleKey: 'k', etag: '"a"', waitSeconds: 5 });
    clock += 120_000;
    registry.sweep();
    expect(timedOut).toHaveLength(1);
  });

  it('forgets a waiter whose client hung up, everywhere', () => {
    const registry = create();
    const device: WaitingDevice = { waiters: undefined };
    const { raw, ...held } = fakeReply();
    registry.add({ ...held, device, bundleKey: 'k', etag: '"a"', waitSeconds: 10 });
    expect(registry.size).toBe(1);
    raw.emit('close');
    expect(registry.size).toBe(0);
    expect(device.waiters).toBeUndefined();
    expect(registry.takeForBundle('k')).toEqual([]);
    clock += 20_000;
    registry.sweep();
    expect(timedOut).toEqual([]);
  });

  it('hands each waiter out once: by bundle, by device, or all', () => {
    const registry = create();
    const first: WaitingDevice = { waiters: undefined };
    const second: WaitingDevice = { waiters: undefined };
    const a = registry.add({
      ...fakeReply(),
      device: first,
      bundleKey: 'k1',
      etag: '"a"',
      waitSeconds: 10,
    });
    const b = registry.add({
      ...fakeReply(),
      device: second,
      bundleKey: 'k1',
      etag: '"a"',
      waitSeconds: 10,
    });
    const c = registry.add({
      ...fakeReply(),
      device: second,
      bundleKey: 'k2',
      etag: '"b"',
      waitSeconds: 10,
    });
    expect(registry.takeForDevice(first)).toEqual([a]);
    expect(registry.takeForBundle('k1')).toEqual([b]);
    expect(second.waiters?.size).toBe(1);
    expect(registry.takeEverything()).toEqual([c]);
    expect(registry.takeEverything()).toEqual([]);
    expect(registry.size).toBe(0);
    clock += 20_000;
    registry.sweep();
    expect(timedOut).toEqual([]);
  });
});
