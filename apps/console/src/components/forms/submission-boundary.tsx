'use client';

import { unstable_rethrow } from 'next/navigation';
import {
  Component,
  createContext,
  type FormEvent,
  Fragment,
  type ReactNode,
  useContext,
} from 'react';
import { formDataToObject } from '@/forms/form-data-to-object';
import { describeFailedSubmission } from './describe-failed-submission';

/** A submission whose server action call failed, and what the form held when it was sent. */
export type FailedSubmission = { message: string; values: Record<string, string> };

const FailedSubmissionContext = createContext<FailedSubmission | null>(null);

/** The failed submission of the enclosing boundary, if the last one failed in transit. */
export function useFailedSubmission(): FailedSubmission | null {
  return useContext(FailedSubmissionContext);
}

type State = { caught: { error: unknown } | null; failure: FailedSubmission | null; round: number };

/**
 * Wraps one form. When its server action call fails in transit (offline, a proxy's error page),
 * React throws the rejection at the nearest error boundary, which used to be the page's: the
 * whole page turned into "This page could not be shown" and what was typed was gone. This
 * boundary catches that case instead, mounts the form again, and hands it the message and the
 * values it held when sent (see useFormAction), so the person can simply send it again.
 *
 * The form keeps its server action as its `action`, so it still posts without JavaScript.
 * Next.js's redirects and not-found signals pass through; so does any other error, and any
 * error before the form was ever sent: those are not a lost request.
 */
export class SubmissionBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { caught: null, failure: null, round: 0 };

  /** Everything the form held at its last send, passwords included: they never left the tab. */
  private sent: Record<string, string> | undefined;

  static getDerivedStateFromError(error: unknown): Partial<State> {
    unstable_rethrow(error);
    return { caught: { error } };
  }

  override componentDidCatch(error: unknown) {
    const message = this.describe(error);
    if (message === undefined) return;
    const failure = { message, values: this.sent ?? {} };
    this.setState(({ round }) => ({ caught: null, failure, round: round + 1 }));
  }

  private describe(error: unknown): string | undefined {
    return this.sent === undefined ? undefined : describeFailedSubmission(error);
  }

  private readonly recordSubmission = (event: FormEvent<HTMLDivElement>) => {
    // Runs after the form's own onSubmit: a submission it stopped (invalid input) is not sent.
    if (event.defaultPrevented || !(event.target instanceof HTMLFormElement)) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(
      formDataToObject(new FormData(event.target, submitter)),
    )) {
      if (typeof value === 'string') values[key] = value;
    }
    this.sent = values;
  };

  override render() {
    const { caught, failure, round } = this.state;
    if (caught) {
      // Not a lost request: the page's error boundary handles it, as it would without this one.
      if (this.describe(caught.error) === undefined) throw caught.error;
      // componentDidCatch mounts the form again before the browser paints.
      return null;
    }
    return (
      <div className="contents" onSubmit={this.recordSubmission}>
        <FailedSubmissionContext value={failure}>
          <Fragment key={round}>{this.props.children}</Fragment>
        </FailedSubmissionContext>
      </div>
    );
  }
}
