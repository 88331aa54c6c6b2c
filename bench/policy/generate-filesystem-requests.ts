import type { Random } from './create-random';
import { pickGroups } from './pick-groups';
import type {
  BenchRequest,
  FilesystemRequest,
  FilesystemRuleSpec,
  RequestGeneratorOptions,
} from './types';
import { WORDS } from './words';

function segment(random: Random): string {
  return random.chance(0.1) ? `.${random.pick(WORDS)}` : random.pick(WORDS);
}

// Instantiates a path pattern: each `**` becomes zero to three segments, each `*` a word.
function pathFor({ random, pattern }: { random: Random; pattern: string }): string {
  return pattern
    .split('/')
    .map((part) => {
      if (part === '**')
        return Array.from({ length: random.int(0, 3) }, () => segment(random)).join('/');
      return part.replace('*', random.pick(WORDS));
    })
    .filter((part, index) => part !== '' || index === 0)
    .join('/');
}

function roots({ random }: { random: Random }) {
  const user = `${random.pick(WORDS)}${random.int(1, 999)}`;
  const home = `/home/${user}`;
  return { home, workspace: `${home}/src/${random.pick(WORDS)}` };
}

function hit({
  random,
  rule,
  groups,
}: {
  random: Random;
  rule: FilesystemRuleSpec;
  groups: readonly string[];
}) {
  const { home, workspace } = roots({ random });
  let path = pathFor({ random, pattern: random.pick(rule.paths) });
  // Half the time the request spells its root out, half the time it uses the absolute path.
  if (random.chance(0.5)) {
    path = path
      .replace(/^~(?=\/)/, home)
      .replace(/^:home(?=\/)/, home)
      .replace(/^:workspace(?=\/)/, workspace);
  }
  const access = rule.access === 'write' && random.chance(0.5) ? 'write' : 'read';
  const request: FilesystemRequest = { surface: 'filesystem', path, access, home, workspace };
  return {
    request,
    groups: pickGroups({ random, groups, include: rule.origin.group }),
    intended: 'hit' as const,
  };
}

function miss({ random, groups }: { random: Random; groups: readonly string[] }) {
  const { home, workspace } = roots({ random });
  const roll = random.next();
  const path =
    roll < 0.3
      ? `/usr/share/${random.pick(WORDS)}/${random.pick(WORDS)}.txt`
      : roll < 0.6
        ? `${home}/Documents/${random.pick(WORDS)}-${random.int(1, 99999)}.md`
        : roll < 0.8
          ? `${workspace}/node_modules/${random.pick(WORDS)}/index.js`
          : `~/Downloads/${random.pick(WORDS)}-${random.int(1, 99999)}.zip`;
  const request: FilesystemRequest = {
    surface: 'filesystem',
    path,
    access: random.chance(0.5) ? 'read' : 'write',
    home,
    workspace,
  };
  return { request, groups: pickGroups({ random, groups }), intended: 'miss' as const };
}

export function generateFilesystemRequests({
  random,
  model,
  count,
}: RequestGeneratorOptions): BenchRequest<FilesystemRequest>[] {
  return Array.from({ length: count }, (_, index) =>
    index % 2 === 0
      ? hit({ random, rule: random.pick(model.filesystem), groups: model.groups })
      : miss({ random, groups: model.groups }),
  );
}
