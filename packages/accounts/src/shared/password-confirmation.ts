import { z } from 'zod';

/**
 * Adds a "confirm password" field to a form schema: both entries must match, and the
 * confirmation is dropped from the parsed value, so the result is exactly the domain input.
 * Headless callers (setup from environment variables) use the domain schema directly.
 */
export function withPasswordConfirmation<
  Shape extends z.ZodRawShape & { password: z.ZodType<string> },
>(schema: z.ZodObject<Shape, z.core.$strict>) {
  return schema
    .extend({ confirmPassword: z.string({ error: 'Repeat the password.' }) })
    .superRefine((value, context) => {
      const { password, confirmPassword } = value as { password: string; confirmPassword: string };
      if (password !== confirmPassword) {
        context.addIssue({
          code: 'custom',
          path: ['confirmPassword'],
          message: 'The two passwords do not match.',
        });
      }
    })
    .transform((value) => {
      const { confirmPassword: _confirmation, ...rest } = value as z.output<typeof schema> & {
        confirmPassword: string;
      };
      return rest as z.output<typeof schema>;
    });
}
