import type { RoundResult } from './run-round';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`.padStart(7);

/** One row per round: rate, latency, the share of each outcome, and what the console logged. */
export function formatReport({
  rounds,
  header,
}: {
  rounds: RoundResult[];
  header: string;
}): string {
  const lines = [
    header,
    '',
    [
      'round'.padEnd(36),
      'n'.padStart(4),
      'secs'.padStart(6),
      'per s'.padStart(7),
      'p50 ms'.padStart(7),
      'p99 ms'.padStart(7),
      'ok'.padStart(7),
      'invalid'.padStart(7),
      'locked'.padStart(7),
      'busy'.padStart(7),
      'intern.'.padStart(7),
      'other'.padStart(7),
      'logged'.padStart(7),
      'P2028'.padStart(6),
    ].join(' '),
  ];
  for (const round of rounds) {
    const { shares } = round;
    lines.push(
      [
        round.name.padEnd(36),
        String(round.attempts).padStart(4),
        round.seconds.toFixed(2).padStart(6),
        round.signInsPerSec.toFixed(1).padStart(7),
        round.p50Ms.toFixed(0).padStart(7),
        round.p99Ms.toFixed(0).padStart(7),
        percent(shares.signedIn),
        percent(shares.invalid),
        percent(shares.locked),
        percent(shares.busy),
        percent(shares.internal),
        percent(shares.other),
        String(round.failuresLogged).padStart(7),
        String(round.p2028Logged).padStart(6),
      ].join(' '),
    );
    for (const [detail, count] of Object.entries(round.otherDetails)) {
      lines.push(`  other: ${detail} ×${count}`);
    }
  }
  lines.push(
    '',
    'ok = signed in; busy = BUSY or HTTP 429; logged = failures the console logged (with P2028).',
  );
  return lines.join('\n');
}
