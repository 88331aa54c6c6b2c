// Synthetic org policy sources shared by the local profilers.
type Rules = { network: object[]; filesystem: object[]; credentials: object[]; mcp: object[] };

function layerRules(seed: number, count: number): Rules {
  const rules: Rules = { network: [], filesystem: [], credentials: [], mcp: [] };
  for (let index = 0; index < count; index++) {
    const id = `r${seed}-${index}`;
    const n = seed * 100_000 + index;
    switch (index % 4) {
      case 0:
        rules.network.push(
          index % 3 === 0
            ? { id, action: 'deny', cidrs: [`10.${(n >> 8) & 255}.${n & 255}.0/24`] }
            : {
                id,
                action: 'allow',
                hosts: [`svc${n}.example.com`, `**.team${n}.example.org`],
                ports: [443, '8000-8999'],
              },
        );
        break;
      case 1:
        rules.filesystem.push({
          id,
          action: index % 3 === 0 ? 'deny' : 'allow',
          paths: [`:workspace/p${n}/**`, `/data/d${n}/*.csv`],
          access: 'write',
        });
        break;
      case 2:
        rules.credentials.push({
          id,
          action: 'allow',
          credential: `secret-${n}`,
          destinations: [`api${n}.example.com`],
        });
        break;
      default:
        rules.mcp.push({
          id,
          action: index % 5 === 0 ? 'deny' : 'allow',
          server:
            index % 2 === 0
              ? { url: `https://mcp${n}.example.com/mcp` }
              : { command: ['npx', '-y', `@acme/server-${n}`] },
          ...(index % 5 === 0
            ? {}
            : { tools: { allow: ['get_*', 'list_*'], ask: ['create_*'], deny: ['delete_*'] } }),
        });
    }
  }
  return rules;
}

function document(rules: Rules) {
  return {
    network: { rules: rules.network },
    filesystem: { rules: rules.filesystem },
    credentials: { rules: rules.credentials },
    mcp: { rules: rules.mcp },
  };
}

export const sources = {
  guardrails: document(layerRules(1, 1000)),
  baseline: document(layerRules(2, 3000)),
  groups: Object.fromEntries(
    ['eng', 'finance', 'research', 'ops'].map((name, index) => [
      name,
      document(layerRules(3 + index, 1500)),
    ]),
  ),
};
