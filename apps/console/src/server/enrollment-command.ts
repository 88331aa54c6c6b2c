import { runtimeSettings } from './runtime-settings';

/**
 * What an admin hands to a device along with a new enrollment token: the edge API's address
 * (PARAPET_EDGE_URL) and the one command that enrolls it. The API and the Enrollment tokens page
 * show the same, so a command copied from either works.
 */
export function enrollmentInstructions(token: string): { server: string; command: string } {
  const server = runtimeSettings().edgeUrl;
  return {
    server,
    command: `parapet-agent enroll --server ${shellWord(server)} --token ${shellWord(token)}`,
  };
}

// A token or URL is plain enough to paste bare; anything else is single-quoted, so a copied
// command can never run more than the agent.
function shellWord(word: string): string {
  if (/^[A-Za-z0-9_.:/@%+=,-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
