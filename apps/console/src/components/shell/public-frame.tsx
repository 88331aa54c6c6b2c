import type { ReactNode } from 'react';
import { Logo } from './logo';

/**
 * The frame of every page shown without the console around it: the name and mark above a
 * narrow column, centred on the screen. It holds the page's one `<main>`.
 */
export function PublicFrame({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center px-4 py-12">
      <div className="mb-8 flex items-center gap-2.5">
        <Logo />
        <span className="text-lg font-semibold tracking-tight">Parapet</span>
      </div>
      <main className="w-full max-w-md">{children}</main>
    </div>
  );
}
