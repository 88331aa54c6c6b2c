import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button-classes';

export const metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center px-6 text-center">
      <p className="text-sm font-semibold text-accent-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 text-sm text-neutral-500">
        There is nothing at this address. It may have moved, or the link may be mistyped.
      </p>
      <Link href="/" className={buttonClasses('primary', 'mt-6')}>
        Go to the console
      </Link>
    </main>
  );
}
