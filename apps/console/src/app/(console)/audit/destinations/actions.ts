'use server';

import {
  createDestination,
  deleteDestination,
  destinationIdSchema,
  sendTestEvent,
  updateDestination,
} from '@parapet/audit/destinations';
import {
  createDestinationFormSchema,
  setDestinationEnabledFormSchema,
  updateDestinationFormSchema,
} from '@/components/destinations/destination-form-input';
import { getEnv } from '@/env';
import { memberAccess } from '@/server/entry-points/access';
import { defineAction } from '@/server/entry-points/entry-points';

export const createDestinationAction = defineAction({
  name: 'destinations.createDestination',
  access: memberAccess('admin'),
  input: createDestinationFormSchema,
  async run({ input, db, caller, request }) {
    const created = await createDestination({
      db,
      actor: caller.actor,
      input,
      ip: request.ip,
      network: getEnv().exportNetwork,
    });
    return {
      data: null,
      message: `Destination “${created.name}” added: it receives events stored from now on.`,
    };
  },
});

export const updateDestinationAction = defineAction({
  name: 'destinations.updateDestination',
  access: memberAccess('admin'),
  input: updateDestinationFormSchema,
  async run({ input, db, caller, request }) {
    const updated = await updateDestination({
      db,
      actor: caller.actor,
      input,
      ip: request.ip,
      network: getEnv().exportNetwork,
    });
    return { data: null, message: `Destination “${updated.name}” saved.` };
  },
});

export const setDestinationEnabledAction = defineAction({
  name: 'destinations.setEnabled',
  access: memberAccess('admin'),
  input: setDestinationEnabledFormSchema,
  async run({ input, db, caller, request }) {
    const updated = await updateDestination({
      db,
      actor: caller.actor,
      input,
      ip: request.ip,
      network: getEnv().exportNetwork,
    });
    return {
      data: null,
      message: updated.enabled
        ? `Destination “${updated.name}” enabled: it catches up from where it paused.`
        : `Destination “${updated.name}” paused: events wait for it.`,
    };
  },
});

export const deleteDestinationAction = defineAction({
  name: 'destinations.deleteDestination',
  access: memberAccess('admin'),
  input: destinationIdSchema,
  async run({ input, db, caller, request }) {
    const deleted = await deleteDestination({ db, actor: caller.actor, input, ip: request.ip });
    return { data: null, message: `Destination “${deleted.name}” deleted.` };
  },
});

export const sendTestEventAction = defineAction({
  name: 'destinations.sendTestEvent',
  access: memberAccess('admin'),
  input: destinationIdSchema,
  async run({ input, db, caller, request }) {
    const outcome = await sendTestEvent({
      db,
      actor: caller.actor,
      input,
      ip: request.ip,
      network: getEnv().exportNetwork,
    });
    const status = outcome.status === undefined ? '' : ` (HTTP ${outcome.status})`;
    return {
      data: outcome,
      message: outcome.delivered
        ? `Test event delivered${status} in ${outcome.durationMs} ms.`
        : `Test event not delivered${status}: ${outcome.error ?? 'no reason given'}.`,
    };
  },
});
