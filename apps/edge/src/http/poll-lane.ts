import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { BundleEntry } from '../cache/bundle-cache';
import type { Edge } from '../edge';
import { markPollServed, pollFromMemory } from '../routes/bundle';

// The poll lane: a connection's GET /v1/bundle polls answered before Node's HTTP parser.
//
// A fleet polls one URL with two headers that matter, and most answers are a 304 made of a few
// hundred precomputed bytes. Node's HTTP server spends most of a 304's CPU on things a poll does
// not need (the parser's callbacks, an IncomingMessage and a ServerResponse per request), so a
// new connection starts here: each request whose head is complete in what the socket delivered,
// and is exactly a plain poll in the narrow form below, is answered from memory with bytes
// written straight to the socket. At the first request that is anything else — another route, a
// body, a header of doubtful form, a head not complete in the chunk, a long-poll, a token or
// device or bundle not in memory, a shutting-down edge — the lane hands the connection, from that
// request's first byte, to Node's HTTP server for the rest of its life, and Node (then the
// in-memory path of routes/bundle.ts, then Fastify) answers exactly as if the lane were not
// there. The lane never holds part of a request, so it keeps no parser state and has no slow
// request to time out; it accepts a strict subset of HTTP/1.1 (no bare LF, no obs-fold, only
// visible ASCII, no body), so a request it answers is one Node would read with the same
// boundaries, and everything in doubt is Node's to judge.

const requestLine = 'GET /v1/bundle HTTP/1.1';
const headEnd = Buffer.from('\r\n\r\n', 'latin1');
/** Heads above this go to Node (whose limit, 16 KiB, answers 431). */
const maxHeadBytes = 8 * 1024;
/** Answers queued for a client that does not read past this pause the lane's reading. */
const maxQueuedBytes = 256 * 1024;
/** A header line: a token name, a colon, a value of visible ASCII with inner spaces or tabs. */
const headerLine =
  /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*((?:[\x21-\x7e](?:[\x20-\x7e\t]*[\x21-\x7e])?)?)[ \t]*$/;
/** Headers that make a request something other than a plain poll: Node decides those. */
const handOffHeaders = new Set([
  'content-length',
  'transfer-encoding',
  'expect',
  'upgrade',
  'http2-settings',
]);

type PollHead = {
  authorization: string | undefined;
  ifNoneMatch: string | undefined;
  prefer: string | undefined;
};

export type PollLane = {
  /** Closes the connections the lane still holds (all idle between requests), for shutdown. */
  closeConnections: () => void;
};

/**
 * Puts the lane in front of `server`'s own connection handling: Node's connection listeners
 * (the HTTP server's) are taken off and called for a connection when the lane hands it over.
 * Call it before anything else listens for 'connection'.
 */
export function installPollLane(
  server: Server,
  edge: Edge,
  { keepAliveTimeoutMs }: { keepAliveTimeoutMs: number },
): PollLane {
  const nodeListeners = server.listeners('connection') as ((socket: Socket) => void)[];
  server.removeAllListeners('connection');
  const held = new Set<Socket>();
  const answers = new WeakMap<BundleEntry, { ok: Buffer; notModified: Buffer }>();
  let dateSecond = -1;
  let dateLines = Buffer.alloc(0);
  const tail = `Connection: keep-alive\r\nKeep-Alive: timeout=${Math.floor(keepAliveTimeoutMs / 1000)}\r\n\r\n`;

  /** Date (RFC 9110, the second's) and Node's keep-alive lines, remade once a second. */
  const closingLines = (now: number): Buffer => {
    const second = Math.floor(now / 1000);
    if (second !== dateSecond) {
      dateSecond = second;
      dateLines = Buffer.from(
        `Date: ${new Date(second * 1000).toUTCString()}\r\n${tail}`,
        'latin1',
      );
    }
    return dateLines;
  };

  /** A bundle's status line and headers, as Node writes them from the same header lists. */
  const answerHeads = (bundle: BundleEntry) => {
    let heads = answers.get(bundle);
    if (heads === undefined) {
      const lines = (status: string, list: string[]) => {
        let text = `HTTP/1.1 ${status}\r\n`;
        for (let i = 0; i < list.length; i += 2) text += `${list[i]}: ${list[i + 1]}\r\n`;
        return Buffer.from(text, 'latin1');
      };
      heads = {
        ok: lines('200 OK', bundle.okHeaders),
        notModified: lines('304 Not Modified', bundle.notModifiedHeaders),
      };
      answers.set(bundle, heads);
    }
    return heads;
  };

  /** Answers the poll in `head` and returns true, or returns false for Node to take it. */
  const answer = (socket: Socket, head: string): boolean => {
    const poll = readPollHead(head);
    if (poll === undefined) return false;
    const now = Date.now();
    const decided = pollFromMemory(edge, poll, now, false);
    if (decided === 'fallback' || decided instanceof Promise || decided.waitSeconds > 0) {
      return false;
    }
    markPollServed(edge, decided, now, true);
    const heads = answerHeads(decided.bundle);
    if (decided.status === 304) {
      socket.write(Buffer.concat([heads.notModified, closingLines(now)]));
    } else {
      socket.write(Buffer.concat([heads.ok, closingLines(now), decided.bundle.body]));
    }
    edge.metrics.countResponse('/v1/bundle', decided.status);
    edge.metrics.pollLane.add('answered');
    return true;
  };

  server.on('connection', (socket: Socket) => {
    held.add(socket);
    socket.setNoDelay(true);
    socket.setTimeout(keepAliveTimeoutMs);
    const onTimeout = () => socket.destroy();
    const onError = () => socket.destroy();
    const onEnd = () => socket.end();
    const onClose = () => held.delete(socket);
    const handOff = (rest: Buffer) => {
      socket.removeListener('data', onData);
      socket.removeListener('timeout', onTimeout);
      socket.removeListener('error', onError);
      socket.removeListener('end', onEnd);
      socket.removeListener('close', onClose);
      socket.setTimeout(0);
      held.delete(socket);
      edge.metrics.pollLane.add('handed_off');
      if (rest.length > 0) socket.unshift(rest);
      for (const listener of nodeListeners) listener.call(server, socket);
    };
    const onData = (chunk: Buffer) => {
      let offset = 0;
      socket.cork();
      try {
        while (offset < chunk.length) {
          const end = chunk.indexOf(headEnd, offset);
          if (end === -1 || end - offset > maxHeadBytes) break;
          if (!answer(socket, chunk.toString('latin1', offset, end))) break;
          offset = end + headEnd.length;
        }
      } finally {
        socket.uncork();
      }
      if (offset < chunk.length) {
        handOff(offset === 0 ? chunk : chunk.subarray(offset));
      } else if (socket.writableLength > maxQueuedBytes) {
        socket.pause();
        socket.once('drain', () => socket.resume());
      }
    };
    socket.on('data', onData);
    socket.on('timeout', onTimeout);
    socket.on('error', onError);
    socket.on('end', onEnd);
    socket.on('close', onClose);
  });

  return {
    closeConnections: () => {
      for (const socket of held) socket.end();
    },
  };
}

/**
 * The poll headers of a head (request line and header lines, without the blank line), or
 * undefined when it is not exactly a plain poll in the lane's narrow form: the request line
 * `GET /v1/bundle HTTP/1.1`, CRLF lines only, one Host, at most one of each header the answer
 * reads, no body and no connection or protocol change.
 */
export function readPollHead(head: string): PollHead | undefined {
  const lines = head.split('\r\n');
  if (lines[0] !== requestLine) return undefined;
  let hosts = 0;
  let authorization: string | undefined;
  let ifNoneMatch: string | undefined;
  let prefer: string | undefined;
  for (let i = 1; i < lines.length; i += 1) {
    const match = headerLine.exec(lines[i] as string);
    if (match === null) return undefined;
    const name = (match[1] as string).toLowerCase();
    const value = match[2] as string;
    if (name === 'host') {
      hosts += 1;
    } else if (name === 'authorization') {
      if (authorization !== undefined) return undefined;
      authorization = value;
    } else if (name === 'if-none-match') {
      if (ifNoneMatch !== undefined) return undefined;
      ifNoneMatch = value;
    } else if (name === 'prefer') {
      if (prefer !== undefined) return undefined;
      prefer = value;
    } else if (name === 'connection') {
      if (value.toLowerCase() !== 'keep-alive') return undefined;
    } else if (handOffHeaders.has(name)) {
      return undefined;
    }
  }
  if (hosts !== 1) return undefined;
  return { authorization, ifNoneMatch, prefer };
}
