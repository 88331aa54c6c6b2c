import { isIP } from 'node:net';
import type { CedarValueJson, EntityJson, EntityUidJson } from '@cedar-policy/cedar-wasm/nodejs';
import type { McpRequest, NetworkRequest } from '../types';
import { requestServerKey } from './mcp-server-key';

// What an enforcement point using Cedar does per decision: turn the request into a principal,
// action, resource, context and the entities they refer to. This work is inside the timed loop,
// as Parapet's own request parsing and normalisation are inside `evaluate`.
export interface CedarQuery {
  principal: EntityUidJson;
  action: EntityUidJson;
  resource: EntityUidJson;
  context: Record<string, CedarValueJson>;
  entities: EntityJson[];
}

const PRINCIPAL = { type: 'User', id: 'bench-user' };

function user(groups: readonly string[]): EntityJson {
  return { uid: PRINCIPAL, attrs: {}, parents: groups.map((id) => ({ type: 'Group', id })) };
}

function ipValue(address: string): CedarValueJson {
  return { __extn: { fn: 'ip', arg: address } };
}

export function buildNetworkQuery({
  request,
  groups,
}: {
  request: NetworkRequest;
  groups: readonly string[];
}): CedarQuery | undefined {
  const context: Record<string, CedarValueJson> = {};
  if (request.port !== undefined) context.port = request.port;
  if (request.ip !== undefined) {
    if (isIP(request.ip) === 0) return undefined;
    context.ip = ipValue(request.ip);
  }
  const raw = request.host ?? '';
  const name = raw
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^\[(.*)\]$/, '$1');
  const labels = name.split('.');
  const attrs: Record<string, CedarValueJson> = { name, labels: labels.length };
  const isAddress = isIP(name) !== 0;
  if (isAddress) attrs.addr = ipValue(name);
  // A name's ancestors are the domains above it; an address has none.
  const parents = isAddress
    ? []
    : labels
        .slice(1)
        .map((_, index) => ({ type: 'Domain', id: labels.slice(index + 1).join('.') }));
  const resource = { type: 'Host', id: name };
  return {
    principal: PRINCIPAL,
    action: { type: 'Action', id: 'connect' },
    resource,
    context,
    entities: [user(groups), { uid: resource, attrs, parents }],
  };
}

export function buildMcpQuery({
  request,
  groups,
}: {
  request: McpRequest;
  groups: readonly string[];
}): CedarQuery | undefined {
  const key = requestServerKey(request.server);
  if (key === undefined) return undefined;
  const server: EntityJson = {
    uid: { type: 'Server', id: key },
    attrs: { serverKey: key },
    parents: [],
  };
  if (request.tool === undefined) {
    return {
      principal: PRINCIPAL,
      action: { type: 'Action', id: 'register' },
      resource: server.uid,
      context: {},
      entities: [user(groups), server],
    };
  }
  const tool: EntityJson = {
    uid: { type: 'Tool', id: `${key}#${request.tool}` },
    attrs: { name: request.tool, serverKey: key },
    parents: [server.uid],
  };
  return {
    principal: PRINCIPAL,
    action: { type: 'Action', id: 'call' },
    resource: tool.uid,
    context: {},
    entities: [user(groups), server, tool],
  };
}
