import { z } from 'zod';

// A checkpoint file is about 600 characters; a generous bound keeps parsing cheap.
const maxCheckpointLength = 10_000;
const choose = 'Choose or paste a checkpoint file.';
const notJson = 'This is not a checkpoint file: it is not JSON.';

/**
 * The checkpoint to verify: the file's text (a form) or its JSON object (a JSON request body).
 * Text is parsed here, so the browser and the server refuse what is not JSON alike; whether it
 * is a checkpoint the console signed is for the server to say.
 */
const checkpointField = z.unknown().transform((value, context) => {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
  if (typeof value !== 'string' || value.trim() === '') {
    context.addIssue({ code: 'custom', message: choose });
    return z.NEVER;
  }
  if (value.length > maxCheckpointLength) {
    context.addIssue({ code: 'custom', message: 'This is too long to be a checkpoint file.' });
    return z.NEVER;
  }
  try {
    return JSON.parse(value) as unknown;
  } catch {
    context.addIssue({ code: 'custom', message: notJson });
    return z.NEVER;
  }
});

export const verifyActivityCheckpointSchema = z.strictObject({ checkpoint: checkpointField });

export type VerifyActivityCheckpointInput = z.input<typeof verifyActivityCheckpointSchema>;
