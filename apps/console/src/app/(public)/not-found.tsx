import { NotFoundMessage } from '@/components/shell/not-found-message';

export const metadata = { title: 'Page not found' };

// Shown inside the public layout (for /setup once setup is done), which already provides the
// frame and the page's <main>.
export default function PublicNotFound() {
  return <NotFoundMessage />;
}
