import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type CliIo, writeText } from './cli-io';
import { type ArchiveFile, readTarGz, writeTarGz } from './policy-archive';

/** Where the console is and the API key to use (flags, else PARAPET_URL and PARAPET_API_KEY). */
export type RemoteOptions = { server: string; apiKey: string };

const ROOT = 'policy/';

/**
 * `pull`: the org's drafts (or one published version) from the console, written into
 * `directory` as the files `check` reads. The folder mirrors the console: policy files there
 * that the console no longer has (a deleted group) are removed; nothing else is touched.
 */
export async function runPullCommand({
  remote,
  directory,
  version,
  io,
}: {
  remote: RemoteOptions;
  directory: string;
  version: number | undefined;
  io: CliIo;
}): Promise<number> {
  const query = version === undefined ? '' : `?version=${version}`;
  const response = await callApi({ remote, method: 'GET', path: `/policy/export${query}` });
  if (!response.ok) return report({ io, response: await describeFailure(response) });
  const files = readTarGz(Buffer.from(await response.arrayBuffer())).filter((file) =>
    file.path.startsWith(ROOT),
  );
  await mkdir(join(directory, 'groups'), { recursive: true });
  const wanted = new Set(files.map((file) => file.path.slice(ROOT.length)));
  for (const existing of await listPolicyFiles(directory)) {
    if (!wanted.has(existing)) await rm(join(directory, existing));
  }
  for (const file of files) {
    const path = join(directory, file.path.slice(ROOT.length));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
  }
  const what = version === undefined ? 'the drafts' : `version ${version}`;
  await writeText(io.stdout, `pulled ${what}: ${files.length} documents into ${directory}\n`);
  return 0;
}

/**
 * `push`: the folder's documents into the console's drafts (groups created as needed), then,
 * with `publish`, a publish with that message. Problems the console finds in a document are
 * printed; a refused publish lists every compile problem or failing test and exits 1.
 */
export async function runPushCommand({
  remote,
  directory,
  publishMessage,
  io,
}: {
  remote: RemoteOptions;
  directory: string;
  publishMessage: string | undefined;
  io: CliIo;
}): Promise<number> {
  const files: ArchiveFile[] = [];
  for (const path of await listPolicyFiles(directory)) {
    files.push({ path: `${ROOT}${path}`, content: await readFile(join(directory, path)) });
  }
  const imported = await callApi({
    remote,
    method: 'POST',
    path: '/policy/import',
    body: writeTarGz(files),
    contentType: 'application/gzip',
  });
  if (!imported.ok) return report({ io, response: await describeFailure(imported) });
  const result = (await imported.json()) as {
    documents?: {
      layer: string;
      revision: number;
      issues?: { path: string; line?: number; message: string }[];
    }[];
  };
  let problems = 0;
  for (const document of result.documents ?? []) {
    const issues = document.issues ?? [];
    problems += issues.length;
    await writeText(io.stdout, `${document.layer}: revision ${document.revision}\n`);
    for (const issue of issues) {
      const line = issue.line === undefined ? '' : ` (line ${issue.line})`;
      await writeText(io.stderr, `  ${document.layer}: ${issue.path}${line}: ${issue.message}\n`);
    }
  }
  if (publishMessage === undefined) return problems > 0 ? 1 : 0;
  const published = await callApi({
    remote,
    method: 'POST',
    path: '/policy/publish',
    body: JSON.stringify({ message: publishMessage }),
    contentType: 'application/json',
  });
  if (!published.ok) return report({ io, response: await describeFailure(published) });
  const { version } = (await published.json()) as { version?: number };
  await writeText(io.stdout, `published version ${version}\n`);
  return 0;
}

/** The policy files of a folder, as paths relative to it: what `check` reads. */
async function listPolicyFiles(directory: string): Promise<string[]> {
  const top = (await readdir(directory).catch(() => [] as string[])).filter((name) =>
    ['guardrails.yaml', 'baseline.yaml'].includes(name),
  );
  const groups = (await readdir(join(directory, 'groups')).catch(() => [] as string[]))
    .filter((name) => name.endsWith('.yaml') && !name.startsWith('.'))
    .map((name) => `groups/${name}`);
  return [...top, ...groups].sort();
}

async function callApi({
  remote,
  method,
  path,
  body,
  contentType,
}: {
  remote: RemoteOptions;
  method: string;
  path: string;
  body?: Buffer | string;
  contentType?: string;
}): Promise<Response> {
  const url = `${remote.server.replace(/\/+$/, '')}/api/v1${path}`;
  try {
    return await fetch(url, {
      method,
      headers: {
        Authorization: `Bearer ${remote.apiKey}`,
        ...(contentType ? { 'Content-Type': contentType } : {}),
      },
      ...(body === undefined ? {} : { body }),
    });
  } catch (error) {
    throw new Error(
      `cannot reach ${url}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

type Failure = { status: number; code: string; message: string; issues: unknown[] };

async function describeFailure(response: Response): Promise<Failure> {
  const text = await response.text();
  try {
    const { error } = JSON.parse(text) as {
      error?: { code?: string; message?: string; issues?: unknown[] };
    };
    return {
      status: response.status,
      code: error?.code ?? 'UNKNOWN',
      message: error?.message ?? text.slice(0, 500),
      issues: error?.issues ?? [],
    };
  } catch {
    return { status: response.status, code: 'UNKNOWN', message: text.slice(0, 500), issues: [] };
  }
}

async function report({ io, response }: { io: CliIo; response: Failure }): Promise<number> {
  await writeText(
    io.stderr,
    `parapet-policy: ${response.status} ${response.code}: ${response.message}\n`,
  );
  for (const issue of response.issues) {
    await writeText(io.stderr, `  ${formatIssue(issue)}\n`);
  }
  return 1;
}

function formatIssue(issue: unknown): string {
  if (typeof issue !== 'object' || issue === null) return String(issue);
  const { layer, path, line, message, name, expected, actual } = issue as Record<string, unknown>;
  if (typeof name === 'string') {
    return `${String(layer)}: test "${name}" expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  }
  const at = line === undefined ? '' : ` (line ${String(line)})`;
  return `${String(layer)}: ${String(path ?? '')}${at}: ${String(message)}`;
}
