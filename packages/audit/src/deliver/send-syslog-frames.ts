import net from 'node:net';
import tls from 'node:tls';
import { connectLookup } from './resolve-destination-host';

/**
 * Writes octet-counted syslog frames over one TCP or TLS connection, then closes its side and
 * waits for the receiver to close too. Syslog over TCP has no acknowledgement: the receiver
 * closing after reading to the end of the stream is the strongest sign it read every frame, so
 * a connection cut before that is a failure and the batch is sent again.
 */
export function sendSyslogFrames({
  host,
  port,
  transport,
  caPem,
  addresses,
  frames,
  signal,
}: {
  host: string;
  port: number;
  transport: 'tcp' | 'tls';
  caPem?: string;
  addresses: { address: string; family: 4 | 6 }[];
  frames: readonly string[];
  signal: AbortSignal;
}): Promise<void> {
  const payload = Buffer.from(frames.join(''), 'utf8');
  const lookup = connectLookup(addresses) as never;
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  return new Promise((resolve, reject) => {
    const socket =
      transport === 'tls'
        ? tls.connect({
            host: bare,
            port,
            lookup,
            ...(net.isIP(bare) === 0 ? { servername: bare } : {}),
            rejectUnauthorized: true,
            ...(caPem ? { ca: caPem } : {}),
          })
        : net.connect({ host: bare, port, lookup });
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    const onAbort = () =>
      finish(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    let written = false;
    socket.once(transport === 'tls' ? 'secureConnect' : 'connect', () => {
      socket.end(payload, () => {
        written = true;
      });
    });
    // Anything the receiver says is ignored; reading keeps the stream flowing to its end.
    socket.on('data', () => undefined);
    socket.once('end', () =>
      finish(
        written
          ? undefined
          : new Error('the receiver closed the connection before reading every frame'),
      ),
    );
    socket.once('error', (error) => finish(error));
    socket.once('close', () =>
      finish(
        new Error('the connection closed before the receiver confirmed the end of the stream'),
      ),
    );
  });
}
