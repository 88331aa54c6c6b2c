import { handleScimRequest, maxBodyBytes } from '@parapet/directory/scim';
import { db } from '../db';
import { readOrigin } from '../http/read-origin';

// The SCIM service's HTTP edge in the console: it reads the request (the body up to the SCIM
// limit, no further), hands it to the directory package, and writes its answer. SCIM requests
// carry the directory's bearer token and no cookies; the token is checked in the package
// (authenticateDirectoryToken), for every method and path.

type Params = { params: Promise<{ directory?: string; path?: string[] }> };

export async function serveScim(request: Request, { params }: Params): Promise<Response> {
  const { directory = '', path = [] } = await params;
  const answer = await handleScimRequest({
    db: db(),
    method: request.method,
    directoryId: directory,
    segments: path.filter((segment) => segment !== ''),
    query: new URL(request.url).searchParams,
    authorization: request.headers.get('authorization'),
    contentType: request.headers.get('content-type'),
    ifMatch: request.headers.get('if-match'),
    ifNoneMatch: request.headers.get('if-none-match'),
    body: await readBody(request),
    origin: readOrigin(request.headers),
  });
  return new Response(answer.body, {
    status: answer.status,
    headers: { ...answer.headers, 'Cache-Control': 'no-store' },
  });
}

/** The body as text, or 'too large' past maxBodyBytes (read no further than that). */
async function readBody(request: Request): Promise<string | 'too large' | null> {
  if (!request.body) return null;
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBodyBytes) return 'too large';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBodyBytes) {
      await reader.cancel();
      return 'too large';
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}
