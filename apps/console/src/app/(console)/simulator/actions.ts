'use server';

import { comparePolicies, simulatePolicy } from '@parapet/policy-admin';
import { memberAccess } from '@/server/entry-points/access';
import { defineAction } from '@/server/entry-points/entry-points';
import { compareFormSchema, simulateFormSchema } from './simulator-form-schemas';

export const simulateAction = defineAction({
  name: 'simulator.simulate',
  access: memberAccess('auditor'),
  input: simulateFormSchema,
  async run({ input, db, caller }) {
    const simulation = await simulatePolicy({ db, actor: caller.actor, input });
    return {
      data: {
        requests: input.requests,
        decisions: simulation.decisions.map((decision) => ({ ...decision })),
        version: simulation.version,
      },
    };
  },
});

export const compareAction = defineAction({
  name: 'simulator.compare',
  access: memberAccess('auditor'),
  input: compareFormSchema,
  async run({ input, db, caller }) {
    const comparison = await comparePolicies({ db, actor: caller.actor, input });
    return {
      data: {
        changes: comparison.changes.map((change) => ({
          ...change,
          before: { ...change.before },
          after: { ...change.after },
        })),
        flips: comparison.flips,
        compared: comparison.compared,
        from: comparison.from.version,
      },
    };
  },
});
