import { AgentError, describeError } from '../agent-error';
import { readLastGood } from '../state/agent-state';
import { loadActiveBundle } from '../trust/load-active-bundle';
import { type CliIo, parseCommandArgs, printJson, stateOption } from './cli-io';

/**
 * Without a bundle that verifies, nothing is allowed: the answer a missing policy gives is the
 * same default deny an empty one gives, with the reason it applies.
 */
function failClosed(reason: string) {
  return {
    decision: 'deny',
    ruleId: null,
    layer: 'default',
    mode: 'enforce',
    reason: `no valid bundle: ${reason}`,
    ver: null,
    stale: false,
  };
}

async function readRequest(text: string, io: CliIo): Promise<unknown> {
  const source = text === '-' ? await io.readStdin() : text;
  try {
    return JSON.parse(source);
  } catch {
    throw new AgentError('USAGE', 'decide: the request is not JSON');
  }
}

export async function runDecideCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('decide', args, stateOption, 1);
  const [text] = positionals;
  if (text === undefined) {
    throw new AgentError('USAGE', 'decide: give the request as JSON, or - to read it from stdin');
  }
  const request = await readRequest(text, io);
  const stateDir = values.state ?? io.defaultStateDir;

  let loaded: Awaited<ReturnType<typeof loadActiveBundle>>;
  try {
    loaded = await loadActiveBundle(await readLastGood(stateDir), io.now());
  } catch (error) {
    printJson(io, failClosed(describeError(error)));
    return 0;
  }
  if (!loaded.ok) {
    printJson(io, failClosed(`${loaded.refusal.reason}: ${loaded.refusal.message}`));
    return 0;
  }
  const { claims, policy, stale } = loaded.active;
  const decision = policy.evaluate(request, { groups: claims.groups });
  printJson(io, { ...decision, ver: claims.ver, stale });
  return 0;
}
