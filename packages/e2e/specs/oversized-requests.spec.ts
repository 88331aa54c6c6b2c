import { request as httpRequest } from 'node:http';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { type CapturedAction, captureServerAction } from '../support/server-actions';
import { submitSignIn } from '../support/sign-in';

// What Next.js answers with a 500 and a digest, the console's own server answers first
// (apps/console/src/server/bootstrap/screen-request.ts): a body over 1 MB, whether its length is
// declared or it comes in chunks, and form data that does not parse. Each request is the sign-in
// page's real server action call, sent again with another body.
const tooLarge = 'The request body is larger than the console accepts (1 MB).';
const tenMegabytes = 10 * 1024 * 1024;

/** The sign-in form's server action call, captured on its way out and never delivered. */
function captureSignIn(page: Page): Promise<CapturedAction> {
  return captureServerAction({
    page,
    deliver: false,
    act: async () => {
      await page.goto('/sign-in');
      await submitSignIn({ page, email: 'nobody@acme.example', password: 'not a password' });
    },
  });
}

function actionHeaders(action: CapturedAction): Record<string, string> {
  return {
    accept: 'text/x-component',
    origin: new URL(action.url).origin,
    'next-action': action.actionId,
    ...(action.routerStateTree ? { 'next-router-state-tree': action.routerStateTree } : {}),
  };
}

/**
 * Posts `body` in pieces, without a Content-Length (Transfer-Encoding: chunked), which neither a
 * browser form nor Playwright's request client does.
 */
function postChunked({
  url,
  headers,
  body,
}: {
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = httpRequest(url, { method: 'POST', headers }, (response) => {
      answered = true;
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    // A server that refuses the body may close the connection while this is still writing it.
    request.on('socket', (socket) => socket.on('error', () => {}));
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    for (let start = 0; start < body.length; start += 64 * 1024) {
      request.write(body.subarray(start, start + 64 * 1024));
    }
    request.end();
  });
}

/** The captured action's fields, with `email` replaced, encoded as the browser encodes a form. */
async function signInForm(action: CapturedAction, email: string) {
  const form = new FormData();
  for (const [name, value] of action.fields) {
    form.append(name, name.replace(/^_?\d+_/, '') === 'email' ? email : value);
  }
  const encoded = new Response(form);
  return {
    contentType: encoded.headers.get('content-type') ?? '',
    body: new Uint8Array(await encoded.arrayBuffer()),
  };
}

test.describe('requests the console refuses before Next.js reads them', () => {
  test('a 10 MB server action call gets 413 and a message, with or without its length', async ({
    page,
  }) => {
    const action = await captureSignIn(page);
    const declared = await page.request.post(action.url, {
      headers: actionHeaders(action),
      multipart: { '1_email': 'a'.repeat(tenMegabytes) },
      maxRedirects: 0,
    });
    expect(declared.status()).toBe(413);
    expect(await declared.text()).toBe(tooLarge);

    const chunked = await postChunked({
      url: action.url,
      headers: {
        ...actionHeaders(action),
        'content-type': 'multipart/form-data; boundary=----e2eBoundary7MA4YWxkTrZu0gW',
      },
      body: new Uint8Array(tenMegabytes).fill(97),
    });
    expect(chunked).toEqual({ status: 413, text: tooLarge });
  });

  test('a 10 MB form post without JavaScript gets 413 too', async ({ page }) => {
    const action = await captureSignIn(page);
    const response = await page.request.post(action.url, {
      headers: { origin: new URL(action.url).origin },
      multipart: { '1_email': 'a'.repeat(tenMegabytes) },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(413);
    expect(await response.text()).toBe(tooLarge);
  });

  test('a 10 MB body to an API route gets 413 with the routes’ error body', async ({ page }) => {
    const response = await page.request.post('/api/activity', {
      headers: { 'content-type': 'application/json' },
      data: Buffer.alloc(tenMegabytes, 97),
    });
    expect(response.status()).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: 'PAYLOAD_TOO_LARGE', message: tooLarge, requestId: expect.any(String) },
    });
  });

  test('a server action call whose form data does not parse gets 400', async ({ page }) => {
    const action = await captureSignIn(page);
    const response = await page.request.post(action.url, {
      headers: {
        ...actionHeaders(action),
        'content-type': 'multipart/form-data; boundary=----e2eBoundary7MA4YWxkTrZu0gW',
      },
      data: 'not form data',
      maxRedirects: 0,
    });
    expect(response.status()).toBe(400);
    expect(await response.text()).toBe('The form data could not be read.');
  });

  test('a server action call sent in chunks within the limit reaches the action', async ({
    page,
  }) => {
    const action = await captureSignIn(page);
    // An email the form's schema refuses: the answer names the field, so the action read the
    // whole form, and no failed sign-in is counted against this address.
    const { contentType, body } = await signInForm(action, 'not-an-email');
    const response = await postChunked({
      url: action.url,
      headers: { ...actionHeaders(action), 'content-type': contentType },
      body,
    });
    expect(response.status).toBe(200);
    expect(response.text).toContain('Enter a valid email address');
  });
});
