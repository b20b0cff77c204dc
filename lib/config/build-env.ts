import { z } from 'zod';

/** Build-time settings (WXT_* variables), checked once so a bad build fails loudly, not half-way. */
const buildEnvSchema = z.object({
  emulatorUrl: z
    .url()
    .refine((u) => new URL(u).hostname === '127.0.0.1', 'the emulator runs on 127.0.0.1 only')
    .optional(),
  defaultClientId: z.string().min(1).optional(),
});

export type BuildEnv = z.infer<typeof buildEnvSchema>;

export function readBuildEnv(env: ImportMetaEnv = import.meta.env): BuildEnv {
  return buildEnvSchema.parse({
    emulatorUrl: env.WXT_XERO_EMULATOR_URL || undefined,
    defaultClientId: env.WXT_XERO_CLIENT_ID || undefined,
  });
}
