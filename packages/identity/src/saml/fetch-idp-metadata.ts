import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { AppError } from '@parapet/errors';
import { isLoopbackAddress, isLoopbackHost, refusedAddressReason } from './metadata-address';

const maxBytes = 1024 * 1024;
const timeoutMs = 5000;

const refuse = (message: string) =>
  new AppError('INVALID_INPUT', message, { fieldErrors: { metadataUrl: [message] } });

/**
 * Fetches an IdP's metadata XML from the URL an owner gave. The console fetching a URL chosen by
 * a user is a server-side request forgery surface, so: https only (plain http only to a loopback
 * host, for local test IdPs); the name is resolved once and every address checked (no
 * link-local, cloud metadata, unspecified or multicast address), then the connection is pinned
 * to the checked address so DNS cannot change its answer in between; no redirects; at most
 * 1 MiB within 5 seconds.
 */
export async function fetchIdpMetadata(rawUrl: string): Promise<string> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw refuse('Enter the metadata URL your identity provider shows (https://…).');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(host))) {
    throw refuse('The metadata URL must use https.');
  }
  if (url.username || url.password) throw refuse('The metadata URL must not contain credentials.');
  const address = await resolveChecked(host);
  return download(url, address);
}

async function resolveChecked(host: string): Promise<{ address: string; family: number }> {
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await dnsLookup(host, { all: true }).catch(() => {
        throw refuse(`The host ${host} could not be resolved.`);
      });
  for (const entry of addresses) {
    const reason = refusedAddressReason(entry.address);
    if (reason) throw refuse(`The metadata URL points to ${reason}, which is not allowed.`);
    // A public name that resolves to this machine is how a forged request reaches local services.
    if (!isLoopbackHost(host) && isLoopbackAddress(entry.address)) {
      throw refuse('The metadata URL resolves to this machine; use localhost or 127.0.0.1.');
    }
  }
  const first = addresses[0];
  if (!first) throw refuse(`The host ${host} could not be resolved.`);
  return first;
}

function download(url: URL, pinned: { address: string; family: number }): Promise<string> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(
      url,
      {
        timeout: timeoutMs,
        headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml' },
        lookup: (_hostname, _options, callback) =>
          callback(
            null,
            [{ address: pinned.address, family: pinned.family }] as never,
            undefined as never,
          ),
      },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          reject(refuse(`The metadata URL answered ${response.statusCode ?? 'nothing'}, not 200.`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            request.destroy();
            reject(refuse('The metadata is larger than 1 MiB.'));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        response.on('error', () => reject(refuse('The metadata download failed.')));
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      reject(refuse('The metadata URL did not answer within 5 seconds.'));
    }, timeoutMs);
    request.on('close', () => clearTimeout(timer));
    request.on('timeout', () => request.destroy());
    request.on('error', () => reject(refuse('The metadata URL could not be reached.')));
  });
}
