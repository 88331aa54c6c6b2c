import type { Random } from './create-random';
import { DENY_SHARE, type NameSerial } from './generate-network-rules';
import type { FilesystemRuleSpec, RuleGeneratorOptions } from './types';
import { WORDS } from './words';

function pathPattern({ random, serial }: { random: Random; serial: NameSerial }): string {
  const name = `${random.pick(WORDS)}-${serial.next()}`;
  const roll = random.next();
  if (roll < 0.2) return `/srv/${name}/**`;
  if (roll < 0.35) return `~/.${name}/**`;
  if (roll < 0.55) return `:workspace/${name}/**`;
  if (roll < 0.65) return `/var/log/${name}/*.log`;
  if (roll < 0.75) return `/opt/${name}/bin/${random.pick(WORDS)}`;
  if (roll < 0.9) return `/data/${name}/**/*.csv`;
  return `:home/${name}/*.conf`;
}

export function generateFilesystemRules({
  random,
  serial,
  origin,
  count,
  id,
}: RuleGeneratorOptions): FilesystemRuleSpec[] {
  return Array.from({ length: count }, () => ({
    id: id(),
    action: random.chance(DENY_SHARE[origin.layer]) ? 'deny' : 'allow',
    paths: Array.from({ length: random.int(1, 3) }, () => pathPattern({ random, serial })),
    access: random.chance(0.5) ? 'read' : 'write',
    origin,
  }));
}
