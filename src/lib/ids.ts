// Ids of records and of rows inside one (a child found, a participant, a referral): random UUIDs, made on the
// device, so two devices offline never give the same id.

/** A new id for a record or a row inside one. */
export const newId = (): string => crypto.randomUUID();
