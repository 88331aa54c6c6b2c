import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { startBenchConsole } from '../shared/start-bench-console';
import { formatReport } from './format-report';
import { type Attempt, type RoundResult, runRound } from './run-round';
import { findSignInAction, sendSignIn } from './send-sign-in';

// `pnpm bench:sign-in`: starts the built console on a fresh embedded Postgres (127.0.0.1 only),
// then sends rounds of concurrent password sign-ins through its real server action over HTTP
// and prints, per round, sign-ins per second and the share of each outcome; as its last line,
// one JSON object. PARAPET_BENCH_SIGN_INS sets the attempts per round (default 200);
// PARAPET_DB_POOL_SIZE is passed to the console.
const SIGN_INS = Number(process.env.PARAPET_BENCH_SIGN_INS ?? 200);
if (!Number.isInteger(SIGN_INS) || SIGN_INS < 1 || SIGN_INS > 2000) {
  throw new Error('PARAPET_BENCH_SIGN_INS must be a whole number from 1 to 2000.');
}
const WARM_UPS = 5;
const repoRoot = resolve(import.meta.dirname, '../..');
const poolSize = process.env.PARAPET_DB_POOL_SIZE;
const log = (text: string) => process.stderr.write(`${text}\n`);

// Each round counts against its own addresses (198.18.0.0/15 is set aside for benchmarks), so
// one round's failures do not lock the next one's address out.
const address = (block: number, index: number) => `198.${18 + block}.${index >> 8}.${index & 255}`;
const indexes = Array.from({ length: SIGN_INS }, (_, index) => index);

const server = await startBenchConsole({ repoRoot, poolSize });
try {
  const { baseUrl, owner, readLog } = server;
  const actionId = await findSignInAction(baseUrl);
  log(`console on ${baseUrl}; warming up…`);
  for (let warmUp = 0; warmUp < WARM_UPS; warmUp += 1) {
    const email = `warm-up-${warmUp}@bench.example`;
    await sendSignIn({ baseUrl, actionId, email, password: 'wrong', address: '192.0.2.1' });
  }

  const rounds: { name: string; attempts: Attempt[] }[] = [
    {
      // First, while the owner is not locked out: every attempt signs in and starts a session.
      name: 'right password, 1 account, n addrs',
      attempts: indexes.map((index) => ({ ...owner, address: address(0, index) })),
    },
    {
      // Nothing locks: every attempt pays a full password verification (unknown accounts get
      // the dummy one), which is the most work a flood can ask for.
      name: 'wrong password, n accounts, n addrs',
      attempts: indexes.map((index) => ({
        email: `guess-${index}@bench.example`,
        password: 'not the password',
        address: address(1, index),
      })),
    },
    {
      // Guessing at one account from one address: the lockout answers almost all of them.
      name: 'wrong password, 1 account, 1 addr',
      attempts: indexes.map(() => ({
        email: owner.email,
        password: 'not the password',
        address: '203.0.113.7',
      })),
    },
  ];
  const results: RoundResult[] = [];
  for (const round of rounds) {
    log(`round: ${round.name}…`);
    results.push(await runRound({ ...round, baseUrl, actionId, readLog }));
    await new Promise((done) => setTimeout(done, 1000));
  }

  const header = `Sign-in flood: ${SIGN_INS} concurrent sign-ins per round, console pool ${
    poolSize ?? 'default'
  }, ${availableParallelism()} CPUs, Node ${process.version}`;
  console.log(formatReport({ rounds: results, header }));
  console.log(
    JSON.stringify({ signInsPerRound: SIGN_INS, poolSize: poolSize ?? 'default', rounds: results }),
  );
} finally {
  await server.stop();
}
