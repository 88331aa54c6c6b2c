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

const headEnd = Buffer.from('\r\n\r\n', 'latin1');
/** Heads above this go to Node (whose limit, 16 KiB, answers 431). */
const maxHeadBytes = 8 * 1024;
/** Answers queued for a client that does not read past this pause the lane's reading. */
const maxQueuedBytes = 256 * 1024;
/**
 * The whole head in the lane's form: the poll's request line, then header lines of a token name,
 * a colon and a value of visible ASCII, spaces and tabs, each after a CRLF. One regex (compiled to
 * native code by V8) checks every byte; its classes exclude CR and LF, so it cannot backtrack.
 */
const pollHeadForm =
  /^GET \/v1\/bundle HTTP\/1\.1(?:\r\n[!#$%&'*+\-.^_`|~0-9A-Za-z]+:[\t\x20-\x7e]*)+$/;
/** Headers that make a request something other than a plain poll: Node decides those. */
const handOffMarks = [
  'content-length',
  'transfer-encoding',
  'expect',
  'upgrade',
  'http2-settings',
].map((name) => `\r\n${name}:`);
/** A header named twice, which the lane leaves to Node. */
const twice = Symbol('twice');

type PollHead = {
  authorization: string | undefined;
  ifNoneMatch: string | undefined;
  prefer: string | undefined;
  /** The token of a `Bearer` authorization, cut out once. */
  bearer: string | undefined;
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
  /** The connections the lane still holds, with the time of their last request. */
  const held = new Map<Socket, { lastActive: number }>();
  const answers = new WeakMap<BundleEntry, { second: number; ok: Buffer; notModified: Buffer }>();
  const tail = `Connection: keep-alive\r\nKeep-Alive: timeout=${Math.floor(keepAliveTimeoutMs / 1000)}\r\n\r\n`;
  /** Date (RFC 9110) of a second, and Node's keep-alive lines. */
  const closingLines = (second: number): string =>
    `Date: ${new Date(second * 1000).toUTCString()}\r\n${tail}`;

  /**
   * A bundle's whole answer (status line, its header lists as Node writes them, the Date and
   * keep-alive lines, the 200's body), made once per bundle and second.
   */
  const answerBytes = (bundle: BundleEntry, status: 200 | 304, now: number): Buffer => {
    const second = Math.floor(now / 1000);
    let made = answers.get(bundle);
    if (made === undefined || made.second !== second) {
      const head = (line: string, list: string[]) => {
        let text = `HTTP/1.1 ${line}\r\n`;
        for (let i = 0; i < list.length; i += 2) text += `${list[i]}: ${list[i + 1]}\r\n`;
        return text + closingLines(second);
      };
      made = {
        second,
        ok: Buffer.concat([Buffer.from(head('200 OK', bundle.okHeaders), 'latin1'), bundle.body]),
        notModified: Buffer.from(head('304 Not Modified', bundle.notModifiedHeaders), 'latin1'),
      };
      answers.set(bundle, made);
    }
    return status === 304 ? made.notModified : made.ok;
  };

  /** Answers `poll` on `socket` and returns true, or returns false for Node to take it. */
  const answer = (socket: Socket, poll: PollHead, now: number): boolean => {
    const decided = pollFromMemory(edge, poll, now, false);
    if (decided === 'fallback' || decided instanceof Promise || decided.waitSeconds > 0) {
      return false;
    }
    markPollServed(edge, decided, now, false);
    socket.write(answerBytes(decided.bundle, decided.status, now));
    edge.metrics.laneAnswers[decided.status] += 1;
    return true;
  };

  // Idle connections close after the keep-alive timeout, found by a sweep rather than a timer
  // per socket (Node re-arms a socket's timer on every read and write).
  const sweep = setInterval(
    () => {
      const idleSince = Date.now() - keepAliveTimeoutMs;
      for (const [socket, state] of held) if (state.lastActive < idleSince) socket.destroy();
    },
    Math.min(5_000, keepAliveTimeoutMs / 4),
  );
  sweep.unref();
  server.once('close', () => clearInterval(sweep));

  server.on('connection', (socket: Socket) => {
    const state = { lastActive: Date.now() };
    held.set(socket, state);
    socket.setNoDelay(true);
    const onError = () => socket.destroy();
    const onEnd = () => socket.end();
    const onClose = () => held.delete(socket);
    // A device polls with the same bytes every time (same token, same ETag) until its bundle or
    // token changes: the last head this connection sent is kept, with what it read, so a repeat
    // is compared (memcmp) instead of read again. Only the reading is skipped; the answer is
    // decided afresh every time.
    let lastHead: Buffer | undefined;
    let lastPoll: PollHead | undefined;
    const pollIn = (chunk: Buffer, start: number, end: number): PollHead | undefined => {
      if (
        lastHead !== undefined &&
        end - start === lastHead.length &&
        chunk.compare(lastHead, 0, lastHead.length, start, end) === 0
      ) {
        return lastPoll;
      }
      const poll = readPollHead(chunk.toString('latin1', start, end));
      if (poll !== undefined) {
        lastHead = Buffer.from(chunk.subarray(start, end));
        lastPoll = poll;
      }
      return poll;
    };
    const handOff = (rest: Buffer) => {
      socket.removeListener('data', onData);
      socket.removeListener('error', onError);
      socket.removeListener('end', onEnd);
      socket.removeListener('close', onClose);
      held.delete(socket);
      edge.metrics.laneHandOffs += 1;
      if (rest.length > 0) socket.unshift(rest);
      for (const listener of nodeListeners) listener.call(server, socket);
    };
    const onData = (chunk: Buffer) => {
      const now = Date.now();
      state.lastActive = now;
      let offset = 0;
      while (offset < chunk.length) {
        const end = chunk.indexOf(headEnd, offset);
        if (end === -1 || end - offset > maxHeadBytes) break;
        const poll = pollIn(chunk, offset, end);
        if (poll === undefined || !answer(socket, poll, now)) break;
        offset = end + headEnd.length;
      }
      if (offset < chunk.length) {
        handOff(offset === 0 ? chunk : chunk.subarray(offset));
      } else if (socket.writableLength > maxQueuedBytes) {
        socket.pause();
        socket.once('drain', () => socket.resume());
      }
    };
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('end', onEnd);
    socket.on('close', onClose);
  });

  return {
    closeConnections: () => {
      clearInterval(sweep);
      for (const socket of held.keys()) socket.end();
    },
  };
}

/**
 * The poll headers of `head` (request line and header lines, without the blank line that ends
 * it), or undefined when it is not exactly a plain poll in the lane's narrow form: the request
 * line `GET /v1/bundle HTTP/1.1`, CRLF line ends, header names of token characters followed
 * directly by a colon, values of visible ASCII with spaces or tabs, one Host, at most one of each
 * header the answer reads, no body and no connection or protocol change.
 */
export function readPollHead(head: string): PollHead | undefined {
  if (!pollHeadForm.test(head)) return undefined;
  // Only ASCII passed the form, so the lowercase text has the same offsets.
  const lower = head.toLowerCase();
  for (const mark of handOffMarks) if (lower.includes(mark)) return undefined;
  const host = headerValue(head, lower, '\r\nhost:');
  if (host === undefined || host === twice) return undefined;
  const connection = headerValue(head, lower, '\r\nconnection:');
  if (
    connection === twice ||
    (connection !== undefined && connection.toLowerCase() !== 'keep-alive')
  ) {
    return undefined;
  }
  const authorization = headerValue(head, lower, '\r\nauthorization:');
  const ifNoneMatch = headerValue(head, lower, '\r\nif-none-match:');
  const prefer = headerValue(head, lower, '\r\nprefer:');
  if (authorization === twice || ifNoneMatch === twice || prefer === twice) return undefined;
  const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
  return { authorization, ifNoneMatch, prefer, bearer };
}

/** The value (without surrounding spaces and tabs) of the header line `mark` starts. */
function headerValue(head: string, lower: string, mark: string): string | undefined | typeof twice {
  const at = lower.indexOf(mark);
  if (at === -1) return undefined;
  const from = at + mark.length;
  if (lower.indexOf(mark, from) !== -1) return twice;
  const end = head.indexOf('\r\n', from);
  return head.slice(from, end === -1 ? head.length : end).trim();
}
