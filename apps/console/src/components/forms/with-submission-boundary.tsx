'use client';

import type { ComponentType } from 'react';
import { SubmissionBoundary } from './submission-boundary';

/**
 * The form component wrapped in its own SubmissionBoundary, which every form that calls a
 * server action needs (see submission-boundary.tsx); the wrapped component is the form itself.
 */
export function withSubmissionBoundary<Props extends object>(
  Form: ComponentType<Props>,
): ComponentType<Props> {
  function Bounded(props: Props) {
    return (
      <SubmissionBoundary>
        <Form {...props} />
      </SubmissionBoundary>
    );
  }
  Bounded.displayName = `withSubmissionBoundary(${Form.displayName ?? Form.name})`;
  return Bounded;
}
