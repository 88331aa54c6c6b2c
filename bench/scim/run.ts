import { resolve } from 'node:path';
import { expectStatus } from '../publish/admin-api';
import { enrollBenchDevice, startBenchFleet } from '../shared/start-bench-fleet';
import { type PhaseResult, quantile, runPhase } from './run-phase';
import {
  addMembersBody,
  createScimClient,
  expectScim,
  groupSchema,
  removeMemberBody,
  userBody,
} from './scim-client';
import { waitForBundle, waitForEffectiveRule } from './wait-for-change';

// `pnpm bench:scim`: starts Parapet as `pnpm start` does (console, embedded Postgres, edge; all
// on 127.0.0.1), creates a directory through the admin API, and provisions through real SCIM
// HTTP requests USERS users and GROUPS groups, then MEMBERSHIPS memberships added by group
// PATCHes of BATCH members each (as Okta and Entra ID push groups). Prints requests/s per
// phase. Then, TRIALS times: a person with an enrolled device waiting in a long-poll is added
// to an IdP group mapped to a policy group by a PATCH with Entra's body; measured from just
// before the PATCH until (a) the admin API's effective policy for the person includes the
// group and (b) the device's long-poll returns the new bundle (p50/p99/max), then removed again
// (measured the same way). Last line: one JSON object.
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const USERS = env('PARAPET_BENCH_SCIM_USERS', 10_000);
const GROUPS = env('PARAPET_BENCH_SCIM_GROUPS', 500);
const MEMBERSHIPS = env('PARAPET_BENCH_SCIM_MEMBERSHIPS', 50_000);
const BATCH = env('PARAPET_BENCH_SCIM_BATCH', 100);
const CONCURRENCY = env('PARAPET_BENCH_SCIM_CONCURRENCY', 16);
const TRIALS = env('PARAPET_BENCH_SCIM_TRIALS', 20);
const MAPPED_GROUP = 'bench-mapped';
const repoRoot = resolve(import.meta.dirname, '../..');
const log = (text: string) => process.stderr.write(`${text}\n`);
const now = () => performance.timeOrigin + performance.now();

const perGroup = Math.ceil(MEMBERSHIPS / GROUPS);
if (perGroup > USERS) throw new Error('More memberships per group than users.');
// A stride coprime with USERS makes each group's members distinct users.
const stride = [97, 101, 103, 107, 109].find((prime) => USERS % prime !== 0) ?? 1;

const fleet = await startBenchFleet({ repoRoot });
try {
  const { api } = fleet;
  log(`console on ${fleet.console.baseUrl}, edge on ${fleet.edgeUrl}`);
  expectStatus(
    `PUT /policy/groups/${MAPPED_GROUP}`,
    await api.putYaml(
      `/policy/groups/${MAPPED_GROUP}`,
      'network:\n  rules:\n    - id: bench-scim\n      action: allow\n      hosts: [scim.bench.example]\n',
    ),
    [200, 201],
  );
  expectStatus(
    'POST /policy/publish',
    await api.postJson('/policy/publish', { message: 'bench: scim' }),
    [201],
  );
  const created = await api.postJson('/directories', { name: 'Bench IdP' });
  expectStatus('POST /directories', created, [201]);
  const directory = created.json as { id: string; scimBaseUrl: string; token: string };
  const scim = createScimClient({ baseUrl: directory.scimBaseUrl, token: directory.token });
  const phases: PhaseResult[] = [];

  log(`provisioning ${USERS} users (${CONCURRENCY} at once)…`);
  const userIds: string[] = new Array(USERS);
  phases.push(
    await runPhase('POST /Users', { count: USERS, concurrency: CONCURRENCY }, async (index) => {
      const answer = await scim.send('POST', '/Users', userBody(index));
      expectScim('POST /Users', answer, [201]);
      userIds[index] = answer.json.id as string;
    }),
  );
  log(`creating ${GROUPS} groups…`);
  const groupIds: string[] = new Array(GROUPS);
  phases.push(
    await runPhase('POST /Groups', { count: GROUPS, concurrency: CONCURRENCY }, async (index) => {
      const body = { schemas: [groupSchema], displayName: `Team ${index}`, members: [] };
      const answer = await scim.send('POST', '/Groups', body);
      expectScim('POST /Groups', answer, [201]);
      groupIds[index] = answer.json.id as string;
    }),
  );
  const batches: { group: string; members: string[] }[] = [];
  for (let group = 0; group < GROUPS; group += 1) {
    const members: string[] = [];
    for (let j = 0; j < perGroup && group * perGroup + j < MEMBERSHIPS; j += 1) {
      members.push(userIds[(group * 37 + j * stride) % USERS] as string);
    }
    for (let start = 0; start < members.length; start += BATCH) {
      batches.push({
        group: groupIds[group] as string,
        members: members.slice(start, start + BATCH),
      });
    }
  }
  const memberships = batches.reduce((sum, batch) => sum + batch.members.length, 0);
  log(`adding ${memberships} memberships in ${batches.length} PATCHes of up to ${BATCH}…`);
  const patchPhase = await runPhase(
    'PATCH /Groups (add members)',
    { count: batches.length, concurrency: CONCURRENCY },
    async (index) => {
      const batch = batches[index] as { group: string; members: string[] };
      const answer = await scim.send(
        'PATCH',
        `/Groups/${batch.group}`,
        addMembersBody(batch.members),
      );
      expectScim('PATCH /Groups', answer, [200, 204]);
    },
  );
  phases.push(patchPhase);
  const membershipsPerSecond = memberships / patchPhase.seconds;

  // The trial group: mapped to the policy group; the trial person: a provisioned user with a
  // device enrolled for them, in no group yet.
  const trialGroup = await scim.send('POST', '/Groups', {
    schemas: [groupSchema],
    displayName: 'Bench mapped',
  });
  expectScim('POST /Groups (trial)', trialGroup, [201]);
  const trialGroupId = trialGroup.json.id as string;
  const mapped = await api.call(
    'PUT',
    `/directories/${directory.id}/groups/${trialGroupId}/mapping`,
    {
      contentType: 'application/json',
      text: JSON.stringify({ policyGroups: [MAPPED_GROUP] }),
    },
  );
  expectStatus('PUT mapping', mapped, [200]);
  const person = await scim.send('POST', '/Users', userBody(USERS));
  expectScim('POST /Users (trial)', person, [201]);
  const personId = person.json.id as string;
  const email = `user${USERS}@bench.example`;
  const token = await api.postJson('/enrollment-tokens', { person: email });
  expectStatus('POST /enrollment-tokens', token, [201]);
  const device = await enrollBenchDevice({
    edgeUrl: fleet.edgeUrl,
    token: (token.json as { token: string }).token,
    index: 0,
  });
  let etag = await currentEtag(fleet.edgeUrl, device.accessToken);

  log(`${TRIALS} trials of a membership PATCH → effective policy and device bundle…`);
  const added = { policy: [] as number[], bundle: [] as number[] };
  const removed = { policy: [] as number[], bundle: [] as number[] };
  for (let trial = 0; trial < TRIALS; trial += 1) {
    for (const [change, figures] of [
      ['add', added],
      ['remove', removed],
    ] as const) {
      const bundle = waitForBundle({
        edgeUrl: fleet.edgeUrl,
        accessToken: device.accessToken,
        etag,
      });
      // Let the long-poll reach the edge before the change, as a waiting device's would have.
      await new Promise((done) => setTimeout(done, 50));
      const startedAt = now();
      const body =
        change === 'add' ? addMembersBody([personId], 'Add') : removeMemberBody(personId, 'Remove');
      expectScim(
        `PATCH (${change})`,
        await scim.send('PATCH', `/Groups/${trialGroupId}`, body),
        [200, 204],
      );
      const policyAt = await waitForEffectiveRule({
        api,
        email,
        ruleId: 'bench-scim',
        present: change === 'add',
      });
      const arrived = await bundle;
      figures.policy.push(policyAt - startedAt);
      figures.bundle.push(arrived.at - startedAt);
      etag = arrived.etag;
    }
  }

  const round = (value: number) => Math.round(value * 10) / 10;
  const stats = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return {
      p50: round(quantile(sorted, 0.5)),
      p99: round(quantile(sorted, 0.99)),
      max: round(sorted.at(-1) ?? Number.NaN),
    };
  };
  const line = (label: string, values: number[]) => {
    const s = stats(values);
    return `  ${label.padEnd(34)} p50 ${s.p50} ms, p99 ${s.p99} ms, max ${s.max} ms`;
  };
  console.log(
    [
      `SCIM provisioning: ${USERS} users, ${GROUPS} groups, ${memberships} memberships (PATCHes of ${BATCH}), ${CONCURRENCY} requests at once`,
      ...phases.map(
        (phase) =>
          `  ${phase.name.padEnd(34)} ${phase.requests} requests in ${round(phase.seconds)} s: ${Math.round(phase.perSecond)} requests/s`,
      ),
      `  memberships added                  ${Math.round(membershipsPerSecond)} /s`,
      `Membership PATCH → change (${TRIALS} trials each):`,
      line('add → effective policy', added.policy),
      line('add → device bundle', added.bundle),
      line('remove → effective policy', removed.policy),
      line('remove → device bundle', removed.bundle),
    ].join('\n'),
  );
  console.log(
    JSON.stringify({
      users: USERS,
      groups: GROUPS,
      memberships,
      batch: BATCH,
      concurrency: CONCURRENCY,
      phases: Object.fromEntries(phases.map((phase) => [phase.name, Math.round(phase.perSecond)])),
      membershipsPerSecond: Math.round(membershipsPerSecond),
      addPolicyMs: stats(added.policy),
      addBundleMs: stats(added.bundle),
      removePolicyMs: stats(removed.policy),
      removeBundleMs: stats(removed.bundle),
    }),
  );
} finally {
  await fleet.stop();
}

async function currentEtag(edgeUrl: string, accessToken: string): Promise<string> {
  const response = await fetch(`${edgeUrl}/v1/bundle`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`GET /v1/bundle: ${response.status}`);
  return response.headers.get('etag') ?? '';
}
