// `pnpm parapet …` (see src/server/operator/operator-main.ts): the operator's commands.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { operatorMain } from '../src/server/operator/operator-main';

const code = await operatorMain(process.argv.slice(2), {
  from: dirname(fileURLToPath(import.meta.url)),
  output: {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  },
});
process.exit(code);
