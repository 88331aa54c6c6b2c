import Link from 'next/link';
import { buttonClasses } from '../ui/button-classes';

/**
 * What a missing page says. Only the content: the layout around it provides the `<main>`, so
 * the message can sit in the public frame or inside a route group's layout without nesting one
 * main in another.
 */
export function NotFoundMessage() {
  return (
    <div className="text-center">
      <p className="text-sm font-semibold text-accent-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 text-sm text-neutral-500">
        There is nothing at this address. It may have moved, or the link may be mistyped.
      </p>
      <Link href="/" className={buttonClasses('primary', 'mt-6')}>
        Go to the console
      </Link>
    </div>
  );
}
