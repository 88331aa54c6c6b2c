import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { z } from 'zod';
import { AgentError, describeError } from '../agent-error';
import { env } from '../env';
import { appendEvents } from '../events/append-events';
import { type BufferLimits, resolveBufferLimits } from '../events/buffer-limits';
import { bufferDir, readBufferState } from '../events/buffer-state';
import { describeBuffer } from '../events/describe-buffer';
import { parseReportLine, type UnchainedEvent } from '../events/parse-report-line';
import { readReportLines } from '../events/read-report-lines';
import { uploadBufferedEvents } from '../events/upload-events';
import { openAgent } from '../pull/open-agent';
import { reportDroppedEvents } from '../pull/report-status';
import { readDevice } from '../state/agent-state';
import { type CliIo, parseCommandArgs, printJson, stateOption } from './cli-io';

/** `report` tries the edge this many times, waiting at most this long between tries. */
const REPORT_RETRY = { maxAttempts: 3, maxDelayMs: 5_000 };

async function openSource(file: string | undefined, io: CliIo) {
  if (file === undefined || file === '-') return io.stdinChunks();
  try {
    await access(file);
  } catch (error) {
    throw new AgentError('USAGE', `report: cannot read ${file}: ${describeError(error)}`);
  }
  return createReadStream(file, { highWaterMark: 1024 * 1024 });
}

/**
 * Checks, stamps and buffers the input one read at a time, naming each refused line on stderr.
 */
async function bufferLines(
  source: AsyncIterable<Uint8Array | string>,
  context: { stateDir: string; device: string; limits: BufferLimits; io: CliIo },
): Promise<{ buffered: number; refused: number; dropped: number }> {
  const { stateDir, device, limits, io } = context;
  let buffered = 0;
  let refused = 0;
  let dropped = 0;
  for await (const lines of readReportLines(source)) {
    const events: UnchainedEvent[] = [];
    for (const line of lines) {
      if ('text' in line && line.text.trim() === '') continue;
      const parsed =
        'overlong' in line
          ? { ok: false as const, message: 'longer than 64 KiB' }
          : parseReportLine(line.text, { device, now: io.now() });
      if (parsed.ok) {
        events.push(parsed.event);
      } else {
        refused += 1;
        io.stderr(`parapet-agent report: line ${line.number} refused: ${parsed.message}\n`);
      }
    }
    const appended = await appendEvents({ stateDir, device, events, limits });
    buffered += appended.seqs.length;
    dropped += appended.dropped;
  }
  return { buffered, refused, dropped };
}

/**
 * `parapet-agent report [FILE]`: reads decision events as NDJSON, stamps and buffers the valid
 * ones, then uploads what the buffer holds. A refused line is named on stderr and the rest are
 * still buffered; the exit status is 2 when any line was refused (the input needs fixing; the
 * good lines must not be sent again), 4 when the edge refuses the device, else 0, including
 * when the edge cannot be reached: the events are stored and a later run uploads them.
 */
export async function runReportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'report',
    args,
    {
      ...stateOption,
      'no-upload': { type: 'boolean', default: false },
      'max-events': { type: 'string' },
      'max-bytes': { type: 'string' },
    },
    1,
  );
  const limits = resolveBufferLimits(
    { maxEvents: values['max-events'], maxBytes: values['max-bytes'] },
    env.bufferLimits,
  );
  const stateDir = values.state ?? io.defaultStateDir;
  const { device } = await readDevice(stateDir);
  if (!z.uuid().safeParse(device).success) {
    throw new AgentError('STATE_INVALID', `device id ${device} is not a UUID; events need one`);
  }
  const source = await openSource(positionals[0], io);
  const { buffered, refused, dropped } = await bufferLines(source, {
    stateDir,
    device,
    limits,
    io,
  });
  const summary = { buffered, refused, dropped, uploaded: 0, rejected: 0, pending: 0 };
  if (values['no-upload']) {
    printJson(io, { ...summary, pending: (await describeBuffer(stateDir)).buffered });
    return refused > 0 ? 2 : 0;
  }
  const agent = await openAgent(stateDir, { now: io.now });
  let upload: Awaited<ReturnType<typeof uploadBufferedEvents>>;
  try {
    const untilSeq = (await readBufferState(stateDir))?.nextSeq;
    upload = await uploadBufferedEvents(agent, {
      retry: REPORT_RETRY,
      ...(untilSeq === undefined ? {} : { untilSeq }),
      signal: io.signal,
      onRejected: ({ id, reason, message }) =>
        io.stderr(`parapet-agent report: the edge rejected event ${id} (${reason}): ${message}\n`),
    });
  } catch (error) {
    // Refused or interrupted, the events are still stored: say what was buffered first.
    printJson(io, { ...summary, pending: (await describeBuffer(stateDir)).buffered });
    throw error;
  }
  Object.assign(summary, {
    uploaded: upload.accepted,
    rejected: upload.rejected,
    pending: upload.pending,
  });
  printJson(io, summary);
  if (upload.error !== undefined) {
    io.stderr(
      `parapet-agent report: ${upload.pending} events stay buffered in ${bufferDir(stateDir)} (${upload.error.message}); the next report or pull --watch uploads them\n`,
    );
  }
  const problem = await reportDroppedEvents(agent);
  if (problem !== null) io.stderr(`parapet-agent report: ${problem}\n`);
  return refused > 0 ? 2 : 0;
}
