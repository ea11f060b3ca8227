// The OCI Events envelope a function receives: CloudEvents 0.1, validated before anything reads it.
import { z } from 'zod'

export const cloudEventSchema = z.object({
  cloudEventsVersion: z.literal('0.1'),
  eventType: z.string().regex(/^[a-z0-9]+(\.[a-z0-9-]+)+$/, 'a reverse-DNS event type'),
  eventTypeVersion: z.string().optional(),
  source: z.string().min(1),
  eventID: z.string().min(1).max(256),
  eventTime: z.string().datetime({ offset: true }),
  contentType: z.string().optional(),
  extensions: z.object({ compartmentId: z.string().optional() }).passthrough().optional(),
  data: z.record(z.string(), z.unknown()),
})

export type CloudEvent = z.infer<typeof cloudEventSchema>
