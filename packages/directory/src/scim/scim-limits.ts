/** The largest SCIM request body read (413 beyond): a group PATCH of thousands of members fits. */
export const maxBodyBytes = 1_048_576;
