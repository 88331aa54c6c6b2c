import manifest from '../package.json' with { type: 'json' };

/** Reported to the edge with every status, so the console can tell agent versions apart. */
export const agentVersion: string = manifest.version;
