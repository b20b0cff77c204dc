import { z } from 'zod';

/** The part of `GET /Organisation` the extension uses (ShortCode makes "Open in Xero" links). */
export const organisationResponseSchema = z.object({
  Organisations: z
    .array(
      z.looseObject({
        OrganisationID: z.string().optional(),
        Name: z.string(),
        ShortCode: z.string().optional(),
        BaseCurrency: z.string().optional(),
        CountryCode: z.string().optional(),
      }),
    )
    .min(1),
});
