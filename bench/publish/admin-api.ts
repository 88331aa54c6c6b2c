/** A client for the admin API (`/api/v1`), as automation uses it: a bearer API key, JSON. */
export function createAdminApi({ baseUrl, apiKey }: { baseUrl: string; apiKey: string }) {
  async function call(
    method: string,
    path: string,
    body?: { contentType: string; text: string },
  ): Promise<{ status: number; json: unknown }> {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${apiKey}`,
        Accept: 'application/json',
        ...(body ? { 'Content-Type': body.contentType } : {}),
      },
      ...(body ? { body: body.text } : {}),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: response.status, json };
  }
  return {
    call,
    putYaml: (path: string, yaml: string) =>
      call('PUT', path, { contentType: 'application/yaml', text: yaml }),
    postJson: (path: string, value: unknown) =>
      call('POST', path, { contentType: 'application/json', text: JSON.stringify(value) }),
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;

/** Fails the benchmark with what the API said when a call did not answer as expected. */
export function expectStatus(
  what: string,
  answer: { status: number; json: unknown },
  expected: number[],
): void {
  if (!expected.includes(answer.status)) {
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.json).slice(0, 2000)}`);
  }
}
