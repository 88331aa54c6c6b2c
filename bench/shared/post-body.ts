import { type Agent, request as httpRequest, type OutgoingHttpHeaders } from 'node:http';

/**
 * POSTs `body` over node:http and reads the whole answer as text. The benches use node:http
 * rather than fetch: they share the machine's CPUs with what they measure, and undici's fetch
 * costs several times as much per request.
 */
export function postBody({
  url,
  body,
  headers,
  agent,
  localAddress,
}: {
  url: string;
  body: string | Buffer;
  headers: OutgoingHttpHeaders;
  agent?: Agent;
  localAddress?: string | undefined;
}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
        ...(agent ? { agent } : {}),
        ...(localAddress ? { localAddress } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
