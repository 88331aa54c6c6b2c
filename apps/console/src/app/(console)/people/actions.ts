'use server';

import {
  applyPeopleImport,
  createPerson,
  deactivatePerson,
  previewPeopleImport,
  updatePerson,
} from '@parapet/policy-admin';
import { memberAccess } from '@/server/entry-points/access';
import { defineAction } from '@/server/entry-points/entry-points';
import {
  addPersonFormSchema,
  changePersonFormSchema,
  deactivatePersonFormSchema,
  peopleCsvFormSchema,
} from './people-form-schemas';

export const addPersonAction = defineAction({
  name: 'people.addPerson',
  access: memberAccess('admin'),
  input: addPersonFormSchema,
  async run({ input, db, caller, request }) {
    const person = await createPerson({ db, actor: caller.actor, input, ip: request.ip });
    return { data: null, message: `${person.email} was added to the directory.` };
  },
});

export const changePersonAction = defineAction({
  name: 'people.changePerson',
  access: memberAccess('admin'),
  input: changePersonFormSchema,
  async run({ input, db, caller, request }) {
    const person = await updatePerson({ db, actor: caller.actor, input, ip: request.ip });
    return { data: null, message: `${person.email} was saved.` };
  },
});

export const deactivatePersonAction = defineAction({
  name: 'people.deactivatePerson',
  access: memberAccess('admin'),
  input: deactivatePersonFormSchema,
  async run({ input, db, caller, request }) {
    const person = await deactivatePerson({ db, actor: caller.actor, input, ip: request.ip });
    return { data: null, message: `${person.email} was deactivated.` };
  },
});

export const reactivatePersonAction = defineAction({
  name: 'people.reactivatePerson',
  access: memberAccess('admin'),
  input: deactivatePersonFormSchema,
  async run({ input, db, caller, request }) {
    const person = await updatePerson({
      db,
      actor: caller.actor,
      input: { personId: input.personId, active: true },
      ip: request.ip,
    });
    return { data: null, message: `${person.email} is active again.` };
  },
});

// Previewing writes nothing, but it is the first step of an import, which takes an admin: an
// auditor would only learn that they cannot apply it.
export const previewPeopleImportAction = defineAction({
  name: 'people.previewImport',
  access: memberAccess('admin'),
  input: peopleCsvFormSchema,
  async run({ input, db, caller }) {
    const preview = await previewPeopleImport({ db, actor: caller.actor, csv: input.csv });
    return { data: preview };
  },
});

export const applyPeopleImportAction = defineAction({
  name: 'people.applyImport',
  access: memberAccess('admin'),
  input: peopleCsvFormSchema,
  async run({ input, db, caller, request }) {
    const counts = await applyPeopleImport({
      db,
      actor: caller.actor,
      csv: input.csv,
      ip: request.ip,
    });
    return {
      data: counts,
      message: `Imported: ${counts.creates} added, ${counts.updates} changed, ${counts.unchanged} unchanged.`,
    };
  },
});
