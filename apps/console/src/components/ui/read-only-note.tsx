import type { ReactNode } from 'react';

/**
 * A quiet line that says a page is read-only for the viewer, so controls that are not there
 * read as intended rather than missing. Not an alert: nothing went wrong.
 */
export function ReadOnlyNote({ children }: { children: ReactNode }) {
  return (
    <p className="mb-6 flex items-start gap-2 text-sm text-neutral-600">
      <svg
        viewBox="0 0 16 16"
        aria-hidden="true"
        className="mt-0.5 size-4 shrink-0 text-neutral-400"
      >
        <path
          d="M5 7V5a3 3 0 0 1 6 0v2m-7 0h8a1 1 0 0 1 1 1v5a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1Z"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <span>{children}</span>
    </p>
  );
}
