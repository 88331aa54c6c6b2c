import type { EffectivePolicy } from '@parapet/policy';
import { type CliIo, parseCommandArgs, printJson, stateOption } from './cli-io';
import { readAgentView } from './read-agent-view';

const time = (seconds: number) => new Date(seconds * 1000).toISOString();

function ruleCounts(policy: EffectivePolicy): string {
  const surfaces = ['network', 'filesystem', 'credentials', 'mcp'] as const;
  return surfaces.map((surface) => `${surface} ${policy[surface].length}`).join(', ');
}

export async function runShowCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('show', args, {
    ...stateOption,
    raw: { type: 'boolean', default: false },
  });
  const view = await readAgentView(values.state ?? io.defaultStateDir, io.now());
  if (values.raw) {
    // The stored bytes as served, whatever verification now says of them, so anyone can check
    // them independently (README, "Verifying a bundle by hand").
    printJson(io, { bundle: view.lastGood.bundle?.text ?? null, trust: view.trust }, true);
    return 0;
  }
  const lines = [
    `device        ${view.device.device} (org ${view.device.org})`,
    `server        ${view.device.server}`,
    `key set       version ${view.trust.keySet.version}: ${view.trust.keySet.keys.map((key) => key.kid).join(', ')}`,
    `highest ver   ${view.trust.highestVer}`,
  ];
  if (!view.loaded.ok) {
    lines.push(
      `bundle        none in force (${view.loaded.refusal.reason}: ${view.loaded.refusal.message}); every request is denied`,
    );
  } else {
    const { claims, etag, stale, policy } = view.loaded.active;
    const effective = policy.toJSON();
    lines.push(
      `bundle        ver ${claims.ver}, policy version ${claims.policyVersion}${stale ? ', STALE (expired, still enforced as the last good bundle)' : ''}`,
      `etag          ${etag}`,
      `policy        ${claims.sub}`,
      `issued        ${time(claims.iat)}, expires ${time(claims.exp)}`,
      `groups        ${claims.groups.length === 0 ? '(none)' : claims.groups.join(', ')}`,
      `layers        ${effective.layers.map((layer) => `${layer.layer} (${layer.mode})`).join(', ')}`,
      `rules         ${ruleCounts(effective)}`,
    );
  }
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
