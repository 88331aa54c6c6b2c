import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/**
 * An attacker's edge on 127.0.0.1: it speaks the edge API's wire format well enough for the agent
 * to talk to it (docs/distribution.md, "Edge API"), and serves whatever bytes the test puts in
 * `bundle` and `keySets` — a compromised edge or a man in the middle with a valid TLS
 * certificate can do exactly that. It is not a model of the real edge: no database, one device
 * at a time, and it signs nothing itself.
 */
export class HostileEdge {
  org = 'org_test';
  issuer = 'https://parapet.test';
  enrollmentToken = 'pet_test_token';
  /** Key sets sent at enrollment and from /v1/keys. */
  keySets: readonly string[] = [];
  /** The bytes /v1/bundle serves, or null for 404. */
  bundle: string | null = null;
  /** The `Parapet-Key-Set-Version` header sent with a bundle. */
  keySetVersionHeader: number | undefined;
  /** When set, every bearer route answers with this refusal. */
  deviceRefusal: { status: number; code: string } | undefined;
  /** Answer a long-poll at once instead of holding it, as a broken edge would. */
  ignoreWait = false;
  /** Tokens older than this many handouts are refused as expired: forces re-authentication. */
  expireTokensBefore = 0;
  /** The device id handed out at enrollment (a UUID where events are stamped with it). */
  deviceId = 'dev_test';
  /** Answers for the next `POST /v1/events` requests, in order, before events are taken again. */
  eventFailures: { status: number; code: string; retryAfter?: string }[] = [];
  /** Every events request as received: when, its headers, and its events (gunzipped NDJSON). */
  readonly eventRequests: {
    at: number;
    headers: IncomingMessage['headers'];
    events: Record<string, unknown>[];
  }[] = [];
  readonly statusReports: Record<string, unknown>[] = [];
  readonly requests: { method: string; path: string; headers: IncomingMessage['headers'] }[] = [];

  private server: Server | undefined;
  private devicePublicKey: Record<string, unknown> | undefined;
  private tokenCounter = 0;
  private challenges = new Set<string>();
  private waiters = new Set<() => void>();
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
    });
    this.server.listen(port, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const wake of this.waiters) wake();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** Serves new bytes and wakes every waiting long-poll. */
  serve(bundle: string | null, keySetVersion?: number): void {
    this.bundle = bundle;
    this.keySetVersionHeader = keySetVersion;
    for (const wake of this.waiters) wake();
  }

  static etagOf(text: string): string {
    return `"${createHash('sha256').update(text, 'utf8').digest('base64url')}"`;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://edge').pathname;
    const method = request.method ?? 'GET';
    this.requests.push({ method, path, headers: request.headers });
    if (`${method} ${path}` === 'POST /v1/events') return this.takeEvents(request, response);
    const body = method === 'POST' ? await readJson(request) : {};
    const route = `${method} ${path}`;
    if (route === 'POST /v1/enroll') return this.enroll(body, response);
    if (route === 'POST /v1/auth/challenge') {
      const challenge = randomBytes(16).toString('base64url');
      this.challenges.add(challenge);
      return send(response, 200, { challenge, expiresAt: inSeconds(60) });
    }
    if (route === 'POST /v1/auth/token') return this.token(body, response);
    const refused = this.checkBearer(request);
    if (refused !== undefined) return send(response, refused.status, errorBody(refused.code));
    if (route === 'GET /v1/bundle') return this.serveBundle(request, response);
    if (route === 'GET /v1/keys') return send(response, 200, { keySets: this.keySets });
    if (route === 'POST /v1/status') {
      this.statusReports.push(body);
      response.statusCode = 204;
      return void response.end();
    }
    send(response, 404, errorBody('NOT_FOUND'));
  }

  private enroll(body: Record<string, unknown>, response: ServerResponse): void {
    if (body.token !== this.enrollmentToken) {
      send(response, 401, errorBody('ENROLLMENT_TOKEN_INVALID'));
      return;
    }
    this.devicePublicKey = body.publicKey as Record<string, unknown>;
    send(response, 201, {
      device: this.deviceId,
      org: this.org,
      issuer: this.issuer,
      keySets: this.keySets,
      accessToken: this.issueToken(),
      accessTokenExpiresAt: inSeconds(900),
    });
  }

  private token(body: Record<string, unknown>, response: ServerResponse): void {
    const challenge = String(body.challenge);
    const key = this.devicePublicKey;
    const valid =
      key !== undefined &&
      this.challenges.delete(challenge) &&
      verify(
        null,
        Buffer.from(challenge, 'utf8'),
        createPublicKey({ key: key as never, format: 'jwk' }),
        Buffer.from(String(body.signature), 'base64url'),
      );
    if (!valid) {
      send(response, 401, errorBody('CHALLENGE_INVALID'));
      return;
    }
    send(response, 200, { accessToken: this.issueToken(), expiresAt: inSeconds(900) });
  }

  private issueToken(): string {
    this.tokenCounter += 1;
    return `pdt_${this.tokenCounter}`;
  }

  private checkBearer(request: IncomingMessage): { status: number; code: string } | undefined {
    if (this.deviceRefusal !== undefined) return this.deviceRefusal;
    const match = /^Bearer pdt_(\d+)$/.exec(request.headers.authorization ?? '');
    if (match === null) return { status: 401, code: 'TOKEN_INVALID' };
    if (Number(match[1]) <= this.expireTokensBefore) return { status: 401, code: 'TOKEN_EXPIRED' };
    return undefined;
  }

  /**
   * Takes every event it is sent (no checks: the real edge's are tested against the real edge),
   * or answers with the next queued failure.
   */
  private async takeEvents(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const refused = this.checkBearer(request);
    if (refused !== undefined) return send(response, refused.status, errorBody(refused.code));
    const raw = Buffer.concat(chunks);
    const text = (request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString(
      'utf8',
    );
    const events = text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    this.eventRequests.push({ at: Date.now(), headers: request.headers, events });
    const failure = this.eventFailures.shift();
    if (failure !== undefined) {
      if (failure.retryAfter !== undefined) response.setHeader('retry-after', failure.retryAfter);
      return send(response, failure.status, errorBody(failure.code));
    }
    send(response, 200, { accepted: events.map((event) => event.id), rejected: [] });
  }

  private async serveBundle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const wait = Number(/wait=(\d+)/.exec(String(request.headers.prefer ?? ''))?.[1] ?? 0);
    const matches = () =>
      this.bundle !== null &&
      String(request.headers['if-none-match']) === HostileEdge.etagOf(this.bundle);
    if (matches() && wait > 0 && !this.ignoreWait) {
      // Hold the request until the served bytes change, the wait passes or the client leaves.
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(wait, 60) * 1000);
        this.waiters.add(done);
        response.once('close', done);
      });
    }
    if (this.deviceRefusal !== undefined)
      return send(response, this.deviceRefusal.status, errorBody(this.deviceRefusal.code));
    if (this.bundle === null) return send(response, 404, errorBody('NO_BUNDLE'));
    if (matches()) {
      response.statusCode = 304;
      return void response.end();
    }
    response.statusCode = 200;
    response.setHeader('content-type', 'application/jose+json');
    response.setHeader('etag', HostileEdge.etagOf(this.bundle));
    if (this.keySetVersionHeader !== undefined) {
      response.setHeader('parapet-key-set-version', String(this.keySetVersionHeader));
    }
    response.end(this.bundle);
  }
}

function inSeconds(seconds: number): string {
  return new Date(Date.now() + seconds * 1000).toISOString();
}

function errorBody(code: string) {
  return { error: { code, message: `refused: ${code}`, requestId: 'req_test' } };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}
