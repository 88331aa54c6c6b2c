import { posix, win32 } from 'node:path';

export interface PlatformFacts {
  readonly platform: NodeJS.Platform;
  readonly home: string;
  /** The effective user id; undefined where there is none (Windows). */
  readonly uid: number | undefined;
  readonly xdgStateHome: string | undefined;
  readonly localAppData: string | undefined;
}

/**
 * Where the agent keeps its state when `--state` is not given, following each OS's convention
 * for per-user application state. Run as root on Linux, it is a system service's state.
 */
export function defaultStateDir(facts: PlatformFacts): string {
  switch (facts.platform) {
    case 'darwin':
      return posix.join(facts.home, 'Library', 'Application Support', 'Parapet', 'agent');
    case 'win32':
      return win32.join(
        facts.localAppData ?? win32.join(facts.home, 'AppData', 'Local'),
        'Parapet',
        'agent',
      );
    default: {
      if (facts.uid === 0) return '/var/lib/parapet-agent';
      // The XDG spec says a relative value is invalid and must be ignored.
      const xdg = facts.xdgStateHome;
      const base =
        xdg !== undefined && posix.isAbsolute(xdg)
          ? xdg
          : posix.join(facts.home, '.local', 'state');
      return posix.join(base, 'parapet-agent');
    }
  }
}
