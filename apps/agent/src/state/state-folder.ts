import { randomUUID } from 'node:crypto';
import { chmod, link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { AgentError, describeError } from '../agent-error';
import { DIRECTORY_MODE, FILE_MODE, writeFileAtomic } from './atomic-write';

/** The files of a state folder; docs in apps/agent/README.md ("State folder"). */
export const STATE_FILES = {
  device: 'device.json',
  deviceKey: 'device-key.json',
  lastGood: 'last-good.json',
  status: 'status.json',
  accessToken: 'access-token.json',
  lock: 'state.lock',
} as const;

export type StateFile = keyof typeof STATE_FILES;

export function statePath(stateDir: string, file: StateFile): string {
  return join(stateDir, STATE_FILES[file]);
}

const POSIX = process.platform !== 'win32';

/** Creates the folder (and its parents) private to this user, and narrows it if it exists. */
export async function ensureStateFolder(stateDir: string): Promise<void> {
  try {
    await mkdir(stateDir, { recursive: true, mode: DIRECTORY_MODE });
    if (POSIX) await chmod(stateDir, DIRECTORY_MODE);
  } catch (error) {
    throw new AgentError(
      'STATE_INVALID',
      `cannot create the state folder ${stateDir}: ${describeError(error)}`,
    );
  }
}

/**
 * The device key signs this device's way in. Like ssh with a private key, refuse to use one that
 * other users could have read: whoever read it can act as this device.
 */
export async function assertPrivate(path: string): Promise<void> {
  if (!POSIX) return;
  const info = await stat(path);
  if ((info.mode & 0o077) !== 0) {
    throw new AgentError(
      'STATE_INSECURE',
      `${path} is readable by other users (mode ${(info.mode & 0o777).toString(8)}); run chmod 600 on it, and re-enroll if others may have read it`,
    );
  }
}

/** Reads and validates one JSON file; `undefined` when it does not exist. */
export async function readStateJson<T extends z.ZodType>(
  stateDir: string,
  file: StateFile,
  schema: T,
): Promise<z.infer<T> | undefined> {
  return readJsonFile(statePath(stateDir, file), schema);
}

/**
 * Reads and validates a JSON file of the state folder's tree (its own files, the event
 * buffer's); `undefined` when it does not exist, STATE_INVALID naming the file otherwise.
 */
export async function readJsonFile<T extends z.ZodType>(
  path: string,
  schema: T,
): Promise<z.infer<T> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AgentError('STATE_INVALID', `cannot read ${path}: ${describeError(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AgentError('STATE_INVALID', `${path} is not valid JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where =
      first === undefined || first.path.length === 0 ? '' : ` at ${first.path.join('.')}`;
    throw new AgentError('STATE_INVALID', `${path} is not valid${where}: ${first?.message ?? ''}`);
  }
  return parsed.data;
}

export async function writeStateJson(
  stateDir: string,
  file: StateFile,
  value: unknown,
): Promise<void> {
  const path = statePath(stateDir, file);
  try {
    await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, FILE_MODE);
  } catch (error) {
    throw new AgentError('STATE_INVALID', `cannot write ${path}: ${describeError(error)}`);
  }
}

export async function removeStateFile(stateDir: string, file: StateFile): Promise<void> {
  await rm(statePath(stateDir, file), { force: true });
}

const LOCK_WAIT_MS = 10_000;
const LOCK_POLL_MS = 25;

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// A lock whose holder cannot be read (a file left empty by an older agent killed between
// creating and writing it) is taken over once it is this old.
const UNREADABLE_LOCK_STALE_MS = 5_000;

async function takeLock(path: string): Promise<boolean> {
  // The lock appears with its holder's pid already in it: the pid is written to a file of this
  // process's own, then hard-linked to the lock's name, which fails if a lock exists. A process
  // killed at any moment leaves either no lock or a lock naming it, never an empty one.
  // Unique per attempt: one process may wait for the lock from several places at once.
  const mine = `${path}.${process.pid}.${randomUUID()}`;
  await writeFile(mine, String(process.pid), { mode: FILE_MODE });
  try {
    await link(mine, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(mine, { force: true });
  }
  // A lock left by a process that died is taken over; a live holder is waited for.
  const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
  if (Number.isInteger(holder) && holder > 0) {
    if (!processIsAlive(holder)) await rm(path, { force: true });
  } else {
    const age = await stat(path).then(
      (info) => Date.now() - info.mtimeMs,
      () => 0,
    );
    if (age > UNREADABLE_LOCK_STALE_MS) await rm(path, { force: true });
  }
  return false;
}

/**
 * Runs `work` while holding the state folder's lock. Accepting a bundle reads the trust state,
 * verifies against it and writes the new one: two agents doing that at once (a watch and a
 * manual pull) could otherwise write back a lower `highestVer` than one of them accepted.
 */
export async function withStateLock<T>(stateDir: string, work: () => Promise<T>): Promise<T> {
  const path = statePath(stateDir, 'lock');
  const deadline = Date.now() + LOCK_WAIT_MS;
  while (!(await takeLock(path))) {
    if (Date.now() > deadline) {
      throw new AgentError(
        'STATE_LOCKED',
        `another parapet-agent holds ${path}; if none is running, remove the file`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
  try {
    return await work();
  } finally {
    await rm(path, { force: true });
  }
}
