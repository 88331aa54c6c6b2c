import { afterEach, describe, expect, it } from 'vitest';
import { enrollmentInstructions } from './enrollment-command';
import { installRuntimeSettings } from './runtime-settings';

const holder = globalThis as { __parapetConsoleSettings?: unknown };

afterEach(() => {
  delete holder.__parapetConsoleSettings;
});

function withEdgeUrl(edgeUrl: string) {
  installRuntimeSettings({ authSecret: undefined, trustHost: false, edgeUrl });
}

describe('enrollmentInstructions', () => {
  it.each<[string, string, string, string]>([
    [
      'a plain URL and token are pasted bare',
      'https://edge.example.com',
      'pet_AbC-123_xyz',
      'parapet-agent enroll --server https://edge.example.com --token pet_AbC-123_xyz',
    ],
    [
      'a port and a path stay bare',
      'http://localhost:3001/parapet',
      'pet_x',
      'parapet-agent enroll --server http://localhost:3001/parapet --token pet_x',
    ],
    [
      'a shell character is quoted',
      'https://edge.example.com/?a=1&b=2',
      'pet_x',
      "parapet-agent enroll --server 'https://edge.example.com/?a=1&b=2' --token pet_x",
    ],
    [
      'a quote inside is escaped',
      "https://edge.example.com/it's",
      'pet_x',
      "parapet-agent enroll --server 'https://edge.example.com/it'\\''s' --token pet_x",
    ],
  ])('%s', (_case, edgeUrl, token, command) => {
    withEdgeUrl(edgeUrl);
    expect(enrollmentInstructions(token)).toEqual({ server: edgeUrl, command });
  });
});
