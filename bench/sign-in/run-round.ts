import { type Outcome, sendSignIn } from './send-sign-in';

export type Attempt = { email: string; password: string; address: string };

export type RoundResult = {
  name: string;
  attempts: number;
  seconds: number;
  signInsPerSec: number;
  /** Share of the attempts per outcome, 0–1. */
  shares: Record<Outcome, number>;
  p50Ms: number;
  p99Ms: number;
  /** What the `other` answers were (an unexpected code, an HTTP status, a network error). */
  otherDetails: Record<string, number>;
  /** Lines the console logged during the round that report a failed entry point. */
  failuresLogged: number;
  /** Of those, the ones naming Prisma's "Unable to start a transaction" (P2028). */
  p2028Logged: number;
};

const outcomes: Outcome[] = ['signedIn', 'invalid', 'locked', 'busy', 'internal', 'other'];

/**
 * Sends every attempt at once and waits for all the answers: the rate is attempts over the
 * wall-clock time from the first send to the last answer.
 */
export async function runRound({
  name,
  baseUrl,
  actionId,
  attempts,
  readLog,
}: {
  name: string;
  baseUrl: string;
  actionId: string;
  attempts: Attempt[];
  readLog: () => string;
}): Promise<RoundResult> {
  const logBefore = readLog().length;
  const started = performance.now();
  const answers = await Promise.all(
    attempts.map((attempt) => sendSignIn({ baseUrl, actionId, ...attempt })),
  );
  const seconds = (performance.now() - started) / 1000;
  // The console writes its log asynchronously; give the last lines a moment to land.
  await new Promise((done) => setTimeout(done, 500));
  const logged = readLog().slice(logBefore);

  const counts = Object.fromEntries(outcomes.map((outcome) => [outcome, 0])) as Record<
    Outcome,
    number
  >;
  const otherDetails: Record<string, number> = {};
  for (const answer of answers) {
    counts[answer.outcome] += 1;
    if (answer.outcome === 'other') {
      otherDetails[answer.detail] = (otherDetails[answer.detail] ?? 0) + 1;
    }
  }
  const latencies = answers.map((answer) => answer.ms).sort((a, b) => a - b);
  return {
    name,
    attempts: attempts.length,
    seconds,
    signInsPerSec: attempts.length / seconds,
    shares: Object.fromEntries(
      outcomes.map((outcome) => [outcome, counts[outcome] / attempts.length]),
    ) as Record<Outcome, number>,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    otherDetails,
    failuresLogged: logged.match(/^\[[0-9a-f]+\] .* failed/gm)?.length ?? 0,
    p2028Logged: logged.match(/Unable to start a transaction/g)?.length ?? 0,
  };
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}
