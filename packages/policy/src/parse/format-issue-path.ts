export type IssuePath = readonly PropertyKey[];

/** Renders `['network', 'rules', 2, 'hosts', 0]` as `network.rules[2].hosts[0]`. */
export function formatIssuePath(path: IssuePath): string {
  let text = '';
  for (const step of path) {
    if (typeof step === 'number') text += `[${step}]`;
    else if (typeof step === 'string' && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(step))
      text += text === '' ? step : `.${step}`;
    else text += `[${JSON.stringify(String(step))}]`;
  }
  return text;
}
