'use client';

import { useState } from 'react';
import { buttonClasses } from '@/components/ui/button-classes';

type Verification = {
  outcome: 'intact' | 'problems';
  checked: number;
  firstSeq: number | null;
  lastSeq: number | null;
  firstProblem: { kind: string; seq: number; id: string; expected: string; found: string } | null;
  problems: Record<string, number>;
};

const problemNames: Record<string, string> = {
  edited: 'an edited body (its hash changed)',
  break: 'a break (prev is not the previous event’s hash)',
  gap: 'a gap (seqs missing)',
  fork: 'two events with one seq',
  bad_genesis: 'a first event that names a predecessor',
};

/** Rehashes the device's stored chain on the server and says what it found. */
export function VerifyChainButton({ orgId, deviceId }: { orgId: string; deviceId: string }) {
  const [result, setResult] = useState<Verification | { error: string } | null>(null);
  const [running, setRunning] = useState(false);

  async function verify() {
    setRunning(true);
    try {
      const response = await fetch(`/api/v1/audit/chains/${deviceId}/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ orgId }),
      });
      const body = await response.json();
      setResult(
        response.ok ? (body as Verification) : { error: body?.error?.message ?? 'Failed.' },
      );
    } catch {
      setResult({ error: 'The server could not be reached.' });
    } finally {
      setRunning(false);
    }
  }

  return (
    <div className="space-y-1 text-sm">
      <button
        type="button"
        className={buttonClasses('secondary')}
        onClick={verify}
        disabled={running}
      >
        {running ? 'Verifying…' : 'Verify chain'}
      </button>
      {result === null ? null : 'error' in result ? (
        <p role="status" className="text-red-700">
          {result.error}
        </p>
      ) : result.outcome === 'intact' ? (
        <p role="status" className="text-green-700">
          Intact: {result.checked.toLocaleString('en')} events
          {result.firstSeq === null ? '' : ` (seq ${result.firstSeq}–${result.lastSeq})`} rehash and
          link.
        </p>
      ) : (
        <p role="status" className="text-red-700">
          First problem at seq {result.firstProblem?.seq}:{' '}
          {problemNames[result.firstProblem?.kind ?? ''] ?? result.firstProblem?.kind}.{' '}
          {Object.entries(result.problems)
            .filter(([, count]) => count > 0)
            .map(([kind, count]) => `${count} ${kind}`)
            .join(', ')}
          .
        </p>
      )}
    </div>
  );
}
