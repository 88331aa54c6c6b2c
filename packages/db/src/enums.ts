// @parapet/db/enums: the schema's enums as plain values, free of the client and the driver, so
// client components (bundled for the browser) can import them.
export { Role } from './generated/prisma/enums';
