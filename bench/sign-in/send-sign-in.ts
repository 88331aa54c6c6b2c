import { readActionResult } from '@parapet/e2e/action-result';

export type Outcome = 'signedIn' | 'invalid' | 'locked' | 'busy' | 'internal' | 'other';

export type SignInAnswer = { outcome: Outcome; detail: string; ms: number };

/**
 * The sign-in action's id, read from the sign-in page as a browser without JavaScript would:
 * the form carries it in a hidden field for progressive enhancement.
 */
export async function findSignInAction(baseUrl: string): Promise<string> {
  const html = await (await fetch(`${baseUrl}/sign-in`)).text();
  const id = /\$ACTION_1:0" value="\{&quot;id&quot;:&quot;([0-9a-f]+)&quot;/.exec(html)?.[1];
  if (!id) throw new Error('The sign-in page carries no server action id.');
  return id;
}

/**
 * One sign-in as the form's JavaScript sends it: a server action call whose arguments are the
 * previous form state and the form data (React encodes the form's fields as `_1_<name>`). The
 * client address is given in X-Forwarded-For, which the bench console trusts from 127.0.0.1.
 */
export async function sendSignIn({
  baseUrl,
  actionId,
  email,
  password,
  address,
}: {
  baseUrl: string;
  actionId: string;
  email: string;
  password: string;
  address: string;
}): Promise<SignInAnswer> {
  const form = new FormData();
  form.append('_1_email', email);
  form.append('_1_password', password);
  form.append('0', JSON.stringify([{ status: 'idle' }, '$K1']));
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}/sign-in`, {
      method: 'POST',
      headers: {
        accept: 'text/x-component',
        origin: baseUrl,
        'next-action': actionId,
        'x-forwarded-for': address,
      },
      body: form,
      redirect: 'manual',
      signal: AbortSignal.timeout(120_000),
    });
    const payload = await response.text();
    const ms = performance.now() - started;
    if (response.headers.get('x-action-redirect')) return { outcome: 'signedIn', detail: '', ms };
    if (response.status === 429) return { outcome: 'busy', detail: 'HTTP 429', ms };
    const code = readActionResult(payload)?.code ?? `HTTP ${response.status}`;
    return { outcome: outcomeOf(code), detail: code, ms };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { outcome: 'other', detail: cause ?? (error as Error).name, ms: 0 };
  }
}

function outcomeOf(code: string): Outcome {
  if (code === 'INVALID_CREDENTIALS') return 'invalid';
  if (code === 'SIGN_IN_LOCKED') return 'locked';
  if (code === 'BUSY') return 'busy';
  if (code === 'INTERNAL') return 'internal';
  return 'other';
}
