import { NotFoundMessage } from '@/components/shell/not-found-message';
import { PublicFrame } from '@/components/shell/public-frame';

export const metadata = { title: 'Page not found' };

// An address that matches no route gets only the root layout around this page, so it brings
// the public frame itself. A page of the public group that calls notFound() gets the group's
// own not-found page instead, inside the group's layout (see (public)/not-found.tsx).
export default function NotFound() {
  return (
    <PublicFrame>
      <NotFoundMessage />
    </PublicFrame>
  );
}
