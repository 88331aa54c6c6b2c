// The worker logs JSON lines on stdout, one object per line, so a log pipeline reads them
// without a parser of its own. Callers pass identifiers and counts, never settings or secrets.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => void;

export function createLogger({
  workerId,
  debug = false,
}: {
  workerId: string;
  debug?: boolean;
}): Logger {
  return (level, msg, fields = {}) => {
    if (level === 'debug' && !debug) return;
    const line = JSON.stringify({
      time: new Date().toISOString(),
      level,
      msg,
      worker: workerId,
      ...fields,
    });
    if (level === 'error' || level === 'warn') process.stderr.write(`${line}\n`);
    else process.stdout.write(`${line}\n`);
  };
}
