import type { ReactNode } from 'react';
import { Logo } from '@/components/shell/logo';

export default function PublicLayout({ children }: { children: ReactNode }) {
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
