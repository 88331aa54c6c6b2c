import { describeBuffer } from '../events/describe-buffer';
import { type CliIo, parseCommandArgs, printJson, stateOption } from './cli-io';
import { activeProblem, readAgentView } from './read-agent-view';

export async function runStatusCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('status', args, stateOption);
  const stateDir = values.state ?? io.defaultStateDir;
  const { device, lastGood, trust, loaded, status } = await readAgentView(stateDir, io.now());
  const active = loaded.ok
    ? {
        ver: loaded.active.claims.ver,
        etag: loaded.active.etag,
        sub: loaded.active.claims.sub,
        iat: loaded.active.claims.iat,
        exp: loaded.active.claims.exp,
        policyVersion: loaded.active.claims.policyVersion,
        groups: loaded.active.claims.groups,
        stale: loaded.active.stale,
        acceptedAt: lastGood.bundle?.acceptedAt ?? null,
      }
    : null;
  printJson(
    io,
    {
      device: device.device,
      org: device.org,
      issuer: device.issuer,
      server: device.server,
      stateDir,
      keySetVersion: trust.keySet.version,
      keyIds: trust.keySet.keys.map((key) => key.kid),
      highestVer: trust.highestVer,
      active,
      // Why nothing is active, when nothing is: no bundle yet, or a stored one that no longer verifies.
      activeProblem: activeProblem(loaded),
      lastRefusal: status.lastRefusal,
      lastError: status.lastError,
      lastPullAt: status.lastPullAt,
      events: await describeBuffer(stateDir),
    },
    true,
  );
  return 0;
}
