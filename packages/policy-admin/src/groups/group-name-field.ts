import { z } from 'zod';

/**
 * A policy group's name: lowercase letters, digits and `-`, 1–63 characters, neither starting
 * nor ending with `-`. The name travels where a leading or trailing hyphen misleads: as a file
 * name in a policy folder (`groups/<name>.yaml`), in a URL (`/api/v1/policy/groups/<name>`),
 * and as a command-line value (`--groups -x` reads as a flag); it is also a DNS label (RFC 1123),
 * the shape directories and infrastructure tools already accept for a group name.
 */
export const groupNameField = z
  .string({ error: 'Enter a group name.' })
  .min(1, 'Enter a group name.')
  .max(63, 'A group name has at most 63 characters.')
  .regex(/^[a-z0-9-]+$/, 'A group name uses only lowercase letters, digits and "-".')
  .refine(
    (name) => !name.startsWith('-') && !name.endsWith('-'),
    'A group name cannot start or end with "-".',
  );
