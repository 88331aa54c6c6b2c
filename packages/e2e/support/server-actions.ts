import type { APIRequestContext, Page, Request } from '@playwright/test';
import { type ActionResultPayload, readActionResult } from './action-result';
import { waitForHydration } from './wait-for-hydration';

/**
 * A server action call as the browser sent it: the page it was posted to, the action's id, and
 * the form fields. Replaying it from another browser context, with that context's cookies, is
 * what an attacker with a valid session of their own would do: the server must judge the
 * caller, not trust that the UI hid the button.
 */
export type CapturedAction = {
  url: string;
  actionId: string;
  routerStateTree: string | undefined;
  /** In the order they were sent: React decodes a form's fields by their position. */
  fields: [name: string, value: string][];
};

/**
 * Runs `act` (which submits one form) and captures the server action request it sends. With
 * `deliver: false` the request is aborted after capture, so the change never happens: the
 * specs take the recipe of a change from a member allowed to make it without making it.
 */
export async function captureServerAction({
  page,
  act,
  deliver,
}: {
  page: Page;
  act: () => Promise<void>;
  deliver: boolean;
}): Promise<CapturedAction> {
  let resolveCaptured: (request: Request) => void = () => {};
  const captured = new Promise<Request>((resolve) => {
    resolveCaptured = resolve;
  });
  const matcher = (url: URL) => url.origin === new URL(page.url()).origin;
  // Only a hydrated form posts as a server action call (with its `next-action` header).
  await waitForHydration(page);
  await page.route(matcher, async (route) => {
    const request = route.request();
    const isAction = request.method() === 'POST' && (await request.headerValue('next-action'));
    if (!isAction) return route.fallback();
    resolveCaptured(request);
    return deliver ? route.fallback() : route.abort();
  });
  try {
    await act();
    return await readCapturedAction(await captured);
  } finally {
    await page.unroute(matcher);
  }
}

async function readCapturedAction(request: Request): Promise<CapturedAction> {
  const contentType = (await request.headerValue('content-type')) ?? '';
  const body = request.postDataBuffer() ?? Buffer.alloc(0);
  // The browser sent multipart form data; the Fetch API parses it the same way a server would.
  const form = await new Response(new Uint8Array(body), {
    headers: { 'content-type': contentType },
  }).formData();
  const fields: CapturedAction['fields'] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields.push([name, value]);
  }
  return {
    url: request.url(),
    actionId: (await request.headerValue('next-action')) ?? '',
    routerStateTree: (await request.headerValue('next-router-state-tree')) ?? undefined,
    fields,
  };
}

/** A form field's value in a captured action, by the name the form gives it (`orgId`). */
export function capturedField({ action, name }: { action: CapturedAction; name: string }) {
  const field = action.fields.find(([key]) => key.replace(/^_\d+_/, '') === name);
  if (!field) throw new Error(`The captured action has no field ${name}.`);
  return field[1];
}

/**
 * The fields to send: the captured ones with `changes` applied. React posts a form's fields
 * under a numeric prefix (`_1_email`), so a change names the field as the form does (`email`).
 */
function changedFields(action: CapturedAction, changes: Record<string, string>): FormData {
  const unused = new Set(Object.keys(changes));
  const form = new FormData();
  for (const [key, value] of action.fields) {
    const name = key.replace(/^_\d+_/, '');
    const changed = key !== name && Object.hasOwn(changes, name);
    if (changed) unused.delete(name);
    form.append(key, changed ? (changes[name] ?? value) : value);
  }
  if (unused.size > 0) {
    throw new Error(`The captured action has no field ${[...unused].join(', ')}.`);
  }
  return form;
}

export type ReplayedAction = {
  httpStatus: number;
  /** The action's result as the form would have received it; undefined when none came back. */
  result: ActionResultPayload | undefined;
  /** Where the action sent the browser on success (Next's `x-action-redirect`). */
  redirect: string | undefined;
};

/**
 * Posts a captured action again through `request` (a browser context's API client, which sends
 * that context's cookies), with some fields changed, the way a browser would post it.
 */
export async function replayServerAction({
  request,
  action,
  changes = {},
}: {
  request: APIRequestContext;
  action: CapturedAction;
  changes?: Record<string, string>;
}): Promise<ReplayedAction> {
  const response = await request.post(action.url, {
    headers: {
      accept: 'text/x-component',
      origin: new URL(action.url).origin,
      'next-action': action.actionId,
      ...(action.routerStateTree ? { 'next-router-state-tree': action.routerStateTree } : {}),
    },
    multipart: changedFields(action, changes),
    maxRedirects: 0,
  });
  return {
    httpStatus: response.status(),
    result: readActionResult(await response.text()),
    redirect: response.headers()['x-action-redirect'],
  };
}
