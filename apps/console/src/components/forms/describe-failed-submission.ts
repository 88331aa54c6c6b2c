import { unstable_isUnrecognizedActionError } from 'next/navigation';

export const unreachableServerMessage =
  'Could not reach the server. Check your connection and try again.';

export const outdatedPageMessage =
  'This page is out of date: the console was updated since you opened it. Reload the page and try again.';

// Next.js's wording when the answer to an action call is not one of its own, such as a proxy's
// "bad gateway" page: the console itself was not reached.
const foreignAnswerMessage = 'An unexpected response was received from the server.';

/**
 * What a form says when calling its server action failed in transit, or undefined when the
 * error is something else (a bug, a server-side failure with its own digest), which is left to
 * the page's error boundary. The actions themselves never throw: refusals and server failures
 * come back as results, so a rejected call means the request or its answer was lost.
 */
export function describeFailedSubmission(error: unknown): string | undefined {
  // fetch() rejects with a TypeError when no answer arrived at all: offline, refused, reset.
  if (error instanceof TypeError) return unreachableServerMessage;
  if (error instanceof Error && error.message === foreignAnswerMessage) {
    return unreachableServerMessage;
  }
  // The page's action ids are from an earlier build: only a reload brings the current ones.
  if (unstable_isUnrecognizedActionError(error)) return outdatedPageMessage;
  return undefined;
}
