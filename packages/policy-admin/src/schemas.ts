// Client-safe entry point: the zod schemas forms and routes validate with.
export {};
