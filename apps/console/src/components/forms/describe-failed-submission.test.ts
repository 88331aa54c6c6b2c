import { redirect } from 'next/navigation';
import { describe, expect, it } from 'vitest';
import {
  describeFailedSubmission,
  outdatedPageMessage,
  unreachableServerMessage,
} from './describe-failed-submission';

// The errors a server action call rejects with, as Next.js raises them in the browser
// (next/dist/client/components/router-reducer/reducers/server-action-reducer.js).
class UnrecognizedActionError extends Error {}

function thrownBy(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('Nothing was thrown.');
}

describe('describeFailedSubmission', () => {
  it.each([
    ['fetch failing without an answer (Chromium)', new TypeError('Failed to fetch')],
    [
      'fetch failing without an answer (Firefox)',
      new TypeError('NetworkError when attempting to fetch resource.'),
    ],
    [
      'a proxy answering instead of the console',
      new Error('An unexpected response was received from the server.'),
    ],
  ])('says the server could not be reached for %s', (_case, error) => {
    expect(describeFailedSubmission(error)).toBe(unreachableServerMessage);
  });

  it('asks for a reload when the page calls an action the server no longer has', async () => {
    const { UnrecognizedActionError: NextError } = await import(
      'next/dist/client/components/unrecognized-action-error.js'
    );
    expect(describeFailedSubmission(new NextError('Server Action "abc" was not found'))).toBe(
      outdatedPageMessage,
    );
    // Only Next.js's own error class counts, not any error of that name.
    expect(describeFailedSubmission(new UnrecognizedActionError('lookalike'))).toBeUndefined();
  });

  it.each([
    ['an error with a server digest', Object.assign(new Error('boom'), { digest: '123' })],
    ['some other error', new Error('An unexpected response')],
    ['a thrown string', 'Failed to fetch'],
    ['undefined', undefined],
    ['a redirect', thrownBy(() => redirect('/sign-in'))],
  ])('leaves %s to the page', (_case, error) => {
    expect(describeFailedSubmission(error)).toBeUndefined();
  });
});
