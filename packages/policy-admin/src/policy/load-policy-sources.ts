import type { PrismaClient } from '@parapet/db';
import { scopedDb } from '@parapet/db/scoped';
import { AppError } from '@parapet/errors';
import type { PolicySources } from '@parapet/policy';
import { compareLayers, groupNameOfLayer } from './policy-layer';
import { readVersionDocuments } from './read-version-documents';

/** Which policy to read: the working drafts, the newest published version, or one version. */
export type PolicyTarget = 'draft' | 'published' | number;

export type LoadedPolicySources = {
  /** What compilePolicy takes. */
  sources: PolicySources;
  /** The version read, or null for the drafts. */
  version: number | null;
};

/**
 * The org's policy documents as the engine takes them, from the drafts or a published version.
 * An empty guardrails or baseline source is a layer left out (the engine treats both alike).
 * Every group is present, even with an empty document: a group without rules yet still exists,
 * so a policy test naming it compiles and a person in it is simulated as a member.
 */
export async function loadPolicySources({
  db,
  orgId,
  against,
}: {
  db: PrismaClient;
  orgId: string;
  against: PolicyTarget;
}): Promise<LoadedPolicySources> {
  const scoped = scopedDb({ prisma: db, orgId });
  if (against === 'draft') {
    const [documents, groups] = await Promise.all([
      scoped.policyDocument.findMany({ select: { layer: true, source: true, format: true } }),
      scoped.policyGroup.findMany({ select: { name: true } }),
    ]);
    return {
      sources: toPolicySources(
        documents,
        groups.map((group) => group.name),
      ),
      version: null,
    };
  }
  const version = against === 'published' ? await publishedVersion(scoped, orgId) : against;
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new AppError('NOT_FOUND', `There is no policy version ${String(version)}.`);
  }
  const row = await scoped.policyVersion.findUnique({
    where: { orgId_version: { orgId, version } },
    select: { documents: true },
  });
  if (!row) throw new AppError('NOT_FOUND', `There is no policy version ${version}.`);
  return { sources: toPolicySources(readVersionDocuments(row.documents), []), version };
}

async function publishedVersion(
  scoped: ReturnType<typeof scopedDb>,
  orgId: string,
): Promise<number> {
  const organization = await scoped.organization.findUnique({
    where: { id: orgId },
    select: { lastPolicyVersion: true },
  });
  if (!organization || organization.lastPolicyVersion === 0) {
    throw new AppError('NOT_FOUND', 'No policy has been published yet.');
  }
  return organization.lastPolicyVersion;
}

/** Documents (any order) and the names of groups that may have none yet, as engine sources. */
export function toPolicySources(
  documents: readonly { layer: string; source: string }[],
  groupNames: readonly string[],
): PolicySources {
  const groups: Record<string, string> = Object.create(null);
  for (const name of groupNames) groups[name] = '';
  let guardrails: string | undefined;
  let baseline: string | undefined;
  for (const document of [...documents].sort((a, b) => compareLayers(a.layer, b.layer))) {
    const groupName = groupNameOfLayer(document.layer);
    if (groupName !== null) groups[groupName] = document.source;
    else if (document.source === '') continue;
    else if (document.layer === 'guardrails') guardrails = document.source;
    else if (document.layer === 'baseline') baseline = document.source;
  }
  return {
    ...(guardrails === undefined ? {} : { guardrails }),
    ...(baseline === undefined ? {} : { baseline }),
    groups,
  };
}
