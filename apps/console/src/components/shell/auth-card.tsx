import type { ReactNode } from 'react';

/** The card that holds the setup, sign-in and invite forms. */
export function AuthCard({
  title,
  description,
  children,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="rounded-xl border border-neutral-200 bg-white px-6 py-8 shadow-sm sm:px-8">
      <h1 className="text-xl font-semibold tracking-tight text-neutral-900">{title}</h1>
      {description ? <p className="mt-1.5 text-sm text-neutral-500">{description}</p> : null}
      <div className="mt-6">{children}</div>
    </div>
  );
}
